// Small pieces the three pages share: status tags, the escalation tag, the confidential note and
// the deadline.
import { LockOutlined } from '@ant-design/icons';
import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PatrolKind } from '../../../shared/checkpoints.ts';
import type { InspectionStatus, Rectification } from '../../../shared/inspections.ts';
import { countyDay } from '../../lib/countyTime.ts';

export function KindTag({ kind }: { kind: PatrolKind }) {
  const { t } = useTranslation();
  return <Tag color={kind === 'inspection' ? 'geekblue' : 'cyan'} style={{ marginInlineEnd: 0 }}>{t(`checkpoints.kind.${kind}`)}</Tag>;
}

const STATUS_COLORS: Record<InspectionStatus, string> = { scheduled: 'processing', done: 'success', missed: 'error', cancelled: 'default' };

export function InspectionStatusTag({ status }: { status: InspectionStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid={`inspection-status-${status}`}>{t(`inspections.statuses.${status}`)}</Tag>;
}

export function RectificationStatusTags({ task }: { task: Rectification }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', gap: 4, flexWrap: 'wrap' }}>
      {task.status === 'closed' ? (
        <Tag color="success" style={{ marginInlineEnd: 0 }}>{t('inspections.rect.statuses.closed')}</Tag>
      ) : task.overdue ? (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="rect-overdue">{t('inspections.rect.overdue')}</Tag>
      ) : (
        <Tag color="processing" style={{ marginInlineEnd: 0 }}>{t('inspections.rect.statuses.open')}</Tag>
      )}
      <EscalationTag task={task} />
    </span>
  );
}

export function EscalationTag({ task }: { task: Rectification }) {
  const { t } = useTranslation();
  if (task.escalationLevel <= 0) return null;
  const text = task.escalatedToRegionName
    ? t('inspections.rect.escalatedTo', { region: task.escalatedToRegionName })
    : t(`inspections.rect.escalated.${Math.min(task.escalationLevel, 2)}`);
  return <Tag color={task.escalationLevel >= 2 ? 'magenta' : 'orange'} style={{ marginInlineEnd: 0 }} data-testid="rect-escalated">{text}</Tag>;
}

export function ConfidentialNote() {
  const { t } = useTranslation();
  return <Alert type="warning" showIcon icon={<LockOutlined />} title={t('inspections.confidential')} style={{ marginBottom: 12 }} data-testid="inspection-confidential" />;
}

/** Deadline (a day) shown red when the task is overdue. */
export function Deadline({ task }: { task: Rectification }) {
  return <span style={task.overdue && task.status === 'open' ? { color: '#cf1322', fontWeight: 600 } : undefined}>{countyDay(task.deadline)}</span>;
}
