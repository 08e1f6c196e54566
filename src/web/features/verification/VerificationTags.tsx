// The small pieces every verification page shows the same way: a list's status, a task's status,
// outcome, how it was routed (and why) and its deadline, red once it has passed.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { routeReasonText } from '../../../client/route-reason.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { VerificationList, VerificationTask } from './verification.api.ts';

export function ListStatusTag({ list }: { list: Pick<VerificationList, 'status' | 'error'> }) {
  const { t } = useTranslation();
  const color = { queued: 'default', running: 'processing', done: 'success', failed: 'error' }[list.status];
  return <Tag color={color} data-testid="vlist-status">{t(`verification.listStatuses.${list.status}`)}</Tag>;
}

const TASK_COLORS = { open: 'default', checked: 'processing', accepted: 'success', sent_back: 'warning' } as const;

export function TaskStatusTag({ task }: { task: Pick<VerificationTask, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color={TASK_COLORS[task.status]} data-testid="vtask-status">{t(`verification.statuses.${task.status}`)}</Tag>
      {task.overdue ? <Tag color="error">{t('verification.overdue')}</Tag> : null}
    </span>
  );
}

export function OutcomeTag({ outcome }: { outcome: VerificationTask['outcome'] }) {
  const { t } = useTranslation();
  if (!outcome) return <span className="gg-muted">—</span>;
  const color = outcome === 'present_uncontrolled' ? 'red' : outcome === 'present_controlled' ? 'green' : undefined;
  return <Tag color={color} data-testid="vtask-outcome">{t(`verification.outcomes.${outcome}`)}</Tag>;
}

/** How the task reached its grid, with the server's own reason on hover (and in the detail). */
export function RoutedTag({ task }: { task: Pick<VerificationTask, 'routedBy' | 'routeReason' | 'routeScore'> }) {
  const { t } = useTranslation();
  const key = task.routedBy ?? 'pool';
  return (
    <Tooltip title={routeReasonText(task.routeReason, t)}>
      <Tag color={task.routedBy ? 'blue' : 'orange'} data-testid="vtask-routed">{t(`verification.routedBy.${key}`)}</Tag>
    </Tooltip>
  );
}

export function DueAt({ task }: { task: Pick<VerificationTask, 'dueAt' | 'overdue'> }) {
  return <span style={{ color: task.overdue ? '#cf1322' : undefined, whiteSpace: 'nowrap' }}>{formatDateTime(task.dueAt)}</span>;
}
