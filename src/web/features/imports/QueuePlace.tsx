// A waiting import's place in the server's queue (file-errors.ts words it).
import { useTranslation } from 'react-i18next';
import { queuePlaceText } from './file-errors.ts';

export function QueuePlace({ position }: { position: number | undefined }) {
  const { t } = useTranslation();
  return <span data-testid="import-queue-place">{queuePlaceText(position, t)}</span>;
}
