// A refusal in the worker's words: what kind of problem, and which field the server named.
import { useTranslation } from 'react-i18next';
import { translateServerMessage } from '../../lib/errors.ts';
import type { RefusedReason } from '../../offline/db.ts';

export function useRefusalText(): { text: (message: string) => string; detail: (d: { path: string; message: string }) => string; full: (r: RefusedReason) => string } {
  const { t } = useTranslation();
  // The server's DUPLICATE detail names the record already holding the number: say it plainly.
  const text = (message: string) => (message.startsWith('already registered: ') ? t('field.alreadyRegistered') : translateServerMessage(message));
  const detail = (d: { path: string; message: string }) => `${t(`field.${d.path.split('.')[0] ?? ''}`, { defaultValue: d.path })}：${text(d.message)}`;
  const full = (r: RefusedReason) => {
    const title = t(`errors.${r.code}`, { defaultValue: t('errors.unknown') });
    const details = r.details.map(detail).join('；');
    return `${title}（${r.code}）${details ? `：${details}` : r.message ? `：${translateServerMessage(r.message)}` : ''}`;
  };
  return { text, detail, full };
}
