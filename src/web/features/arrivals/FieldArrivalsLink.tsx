// The field home page's way into the arrivals queue, with the count of pending entries when
// online (offline it stays a plain link: the page says what it can do without a signal).
import { QrcodeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ARRIVAL_VERIFIERS } from '../../../shared/arrivals.ts';
import { useMe } from '../../app/auth.tsx';
import { useRunnerState } from '../field/field.sync.ts';
import { arrivalKeys, getSummary } from './arrivals.api.ts';

export function FieldArrivalsLink() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const { online } = useRunnerState();
  const mayVerify = ARRIVAL_VERIFIERS.includes(me.user.role);
  const summary = useQuery({ queryKey: arrivalKeys.summary(), queryFn: () => getSummary(), enabled: online && mayVerify, retry: false, staleTime: 60_000 });
  const pending = summary.data?.byStatus.pending ?? 0;
  if (!mayVerify) return null;
  return (
    // Spans the field home's two-column action grid; the count sits on the button's corner.
    <div style={{ gridColumn: '1 / -1', position: 'relative' }} data-testid="field-arrivals-badge">
      <Button icon={<QrcodeOutlined />} onClick={() => void navigate('/field/arrivals')} block data-testid="field-arrivals-link" style={{ height: 44 }}>
        {t('arrivals.field.link')}
      </Button>
      {pending > 0 ? (
        <span style={{ position: 'absolute', top: -8, right: -6, lineHeight: 0 }}>
          <Badge count={pending} overflowCount={99} />
        </span>
      ) : null}
    </div>
  );
}
