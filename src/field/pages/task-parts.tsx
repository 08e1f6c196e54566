// What the phone's task list and task page show alike: the status (or the outcome waiting in the
// outbox), overdue by the phone's clock, and why the person is on a list.
import type { VerificationTask } from '../../shared/verification.ts';
import { t } from '../i18n.ts';
import { Tag } from '../ui.tsx';

const OPEN: readonly string[] = ['open', 'sent_back'];

/** Past its deadline and not yet checked, by the phone's clock (the copy may be hours old). */
export const isOverdue = (task: VerificationTask, now = Date.now()): boolean => OPEN.includes(task.status) && Date.parse(task.dueAt) < now;

/** Where from and when, as the list said (no personal numbers). */
export function whyListed(task: VerificationTask): string {
  const parts = [task.origin ? `${t('verification.fields.origin')} ${task.origin}` : '', task.arrivedOn ? `${t('verification.fields.arrivedOn')} ${task.arrivedOn}` : ''].filter(Boolean);
  return parts.join(' · ') || task.address || '';
}

export function StatusTag({ task, queued }: { task: VerificationTask; queued: boolean }) {
  if (queued) return <Tag tone="blue" testId="task-queued">{t('verification.queuedTag')}</Tag>;
  const tone = task.status === 'accepted' ? 'green' : task.status === 'sent_back' ? 'orange' : task.status === 'checked' ? 'blue' : 'grey';
  return <Tag tone={tone} testId="task-status">{t(`verification.statuses.${task.status}`)}</Tag>;
}
