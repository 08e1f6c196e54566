// 核查任务 on the phone: the grid's verification tasks from the phone's copy — shown with no
// signal — soonest due first, overdue in red, each with the person's masked details, why they are
// on a list (where from, arrival) and the deadline; a task whose outcome waits in the outbox says so.
import { useEffect } from 'react';
import { en as verificationEn, zh as verificationZh } from '../../shared/verification-words.ts';
import { useLive } from '../../client/offline/live.ts';
import { cachedTasks, queuedOutcomes } from '../../client/offline/verification-tasks.ts';
import { Link } from '../../client/router.tsx';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useDb, useRunner, useRunnerState } from '../sync.ts';
import { Button, Empty, shortTime, Tag } from '../ui.tsx';
import { isOverdue, StatusTag, whyListed } from './task-parts.tsx';
import { loadTaskPage } from './task-page.ts';

addTexts('verification', verificationZh, verificationEn);

export default function Tasks() {
  // The task page is fetched while there is signal: it must open at the door without any.
  useEffect(() => {
    void loadTaskPage().catch(() => undefined);
  }, []);
  const db = useDb();
  const runner = useRunner();
  const state = useRunnerState();
  const copy = useLive(async () => ({ cached: await cachedTasks(db), queued: await queuedOutcomes(db) }), [db]);
  const items = [...(copy?.cached?.items ?? [])].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <Screen title={t('verification.phoneTitle')} back="/field" testId="field-tasks">
      <div className="pulled">
        {copy ? (
          <span data-testid="tasks-pulled">{copy.cached ? t('verification.phoneCached', { time: shortTime(copy.cached.at) }) : t('verification.phoneNeverPulled')}</span>
        ) : null}
        <Button kind="text" disabled={!state.online || state.running} onClick={() => void runner.run(true)} data-testid="tasks-refresh">
          {state.running ? t('field.syncing') : t('field.refresh')}
        </Button>
      </div>
      {copy?.cached && items.length === 0 ? <Empty>{t('verification.phoneEmpty')}</Empty> : null}
      <div className="list" data-testid="field-task-list">
        {items.map((task) => {
          const late = isOverdue(task);
          return (
            <Link key={task.id} to={`/field/tasks/${task.id}`} className={late ? 'item item-late' : 'item'} data-testid="field-task">
              <div className="item-line">
                <span className="item-title">{task.name}</span>
                <StatusTag task={task} queued={copy?.queued.has(task.id) ?? false} />
              </div>
              <div className="item-sub ellipsis">
                <span className="mono">{task.number}</span> · {task.idNumber ?? '—'} · {task.phone ?? '—'}
              </div>
              <div className="item-sub ellipsis">{whyListed(task)}</div>
              <div className="tags">
                <Tag tone={late ? 'red' : 'grey'} testId={late ? 'task-overdue' : undefined}>
                  {late ? t('verification.overdue') : t('verification.dueAt', { time: shortTime(task.dueAt) })}
                </Tag>
              </div>
            </Link>
          );
        })}
      </div>
    </Screen>
  );
}
