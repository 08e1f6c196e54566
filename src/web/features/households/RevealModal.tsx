// 查看完整号码: asks why (the purpose is audited), then shows the full numbers in this modal only.
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/households.ts';
import { PurposeModal } from '../../lib/PurposeModal.tsx';
import { revealPerson } from './households.api.ts';

export function RevealModal({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <PurposeModal
      open={person !== null}
      title={t('persons.revealTitle', { name: person?.name ?? '' })}
      onClose={onClose}
      reveal={(purpose) => revealPerson(person?.id ?? '', purpose)}
      result={(full) => (
        <Descriptions column={1} size="small" bordered data-testid="reveal-result">
          <Descriptions.Item label={t('persons.idNumber')}><span className="gg-mono">{full.idNumber ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label={t('persons.phone')}><span className="gg-mono">{full.phone ?? '—'}</span></Descriptions.Item>
        </Descriptions>
      )}
    />
  );
}
