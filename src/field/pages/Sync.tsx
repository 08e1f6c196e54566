// 同步: what waits to be sent, what was sent, and what the server refused (需处理) with its reason;
// a refused change is edited and retried, retried as it is, or discarded — only on the worker's word.
import { type ReactNode, useState } from 'react';
import type { OutboxEntry } from '../../client/offline/db.ts';
import { useLive } from '../../client/offline/live.ts';
import { discard, listOutbox, retryUnchanged } from '../../client/offline/outbox.ts';
import { isBlocked } from '../../client/offline/sync.ts';
import { navigate } from '../../client/router.tsx';
import { Screen } from '../frame.tsx';
import { t } from '../i18n.ts';
import { useDb, useRunner, useRunnerState } from '../sync.ts';
import { Button, Card, Empty, shortTime, Tag, toast } from '../ui.tsx';
import { fullRefusal } from './refusal.ts';

const EDITABLE = new Set(['household', 'person', 'visit']);

function EntryLine({ entry, children }: { entry: OutboxEntry; children?: ReactNode }) {
  return (
    <div className="entry" data-testid={`outbox-${entry.status}`}>
      <div className="item-line">
        <span className="ellipsis">
          <Tag>{t(`field.kinds.${entry.kind}`, undefined, entry.kind)}</Tag> {entry.summary}
        </span>
        <span className="muted small">{shortTime(entry.syncedAt ?? entry.createdAt)}</span>
      </div>
      {children}
    </div>
  );
}

function Discard({ onDiscard }: { onDiscard: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button kind="danger" onClick={() => setAsking(true)} data-testid="refused-discard">
        {t('field.discard')}
      </Button>
    );
  }
  return (
    <div className="confirm" role="alertdialog" aria-label={t('field.discardConfirm')}>
      <p>
        <strong>{t('field.discardConfirm')}</strong> {t('field.discardWarn')}
      </p>
      <Button kind="danger" onClick={onDiscard} data-testid="refused-discard-confirm">
        {t('field.discard')}
      </Button>
      <Button onClick={() => setAsking(false)}>{t('common.cancel')}</Button>
    </div>
  );
}

export default function Sync() {
  const db = useDb();
  const runner = useRunner();
  const state = useRunnerState();
  const loaded = useLive(() => listOutbox(db), [db]);
  const entries = loaded ?? [];
  // Counts only once the database answered: a "0" before that would be a lie.
  const n = (count: number) => (loaded ? count : '–');
  const refused = entries.filter((e) => e.status === 'refused');
  const pending = entries.filter((e) => e.status === 'pending' || e.status === 'sending');
  const synced = entries.filter((e) => e.status === 'synced').reverse().slice(0, 30);
  const refusedRecords = new Set(refused.flatMap((e) => (e.recordId ? [e.recordId] : [])));
  const pendingNote = (e: OutboxEntry) => {
    if (e.status === 'sending') return t('field.sending');
    if (isBlocked(e, refusedRecords)) return t('field.blocked');
    if (e.attempts > 0) return t('field.retrying', { count: e.attempts, error: t(`errors.${e.lastError ?? 'unknown'}`, undefined, e.lastError ?? '') });
    return t('field.waiting');
  };
  const syncNow = async () => {
    const report = await runner.run(true);
    if (report?.stop === 'network') toast(t('field.stillOffline'), 'warn');
  };

  return (
    <Screen title={t('field.syncPage')} back="/field">
      <div className="stats" data-testid="field-sync-stats">
        <div className="stat">
          <b data-testid="stat-pending">{n(pending.length)}</b>
          {t('field.statPending')}
        </div>
        <div className="stat">
          <b data-testid="stat-synced">{n(entries.filter((e) => e.status === 'synced').length)}</b>
          {t('field.statSynced')}
        </div>
        <div className="stat stat-refused">
          <b data-testid="stat-refused">{n(refused.length)}</b>
          {t('field.statRefused')}
        </div>
      </div>
      <Button kind="primary" block busy={state.running} onClick={() => void syncNow()} data-testid="field-sync-now">
        {t('field.syncNow')}
      </Button>
      <p className="muted small">{state.lastRunAt ? t('field.lastRun', { time: shortTime(state.lastRunAt) }) : t('field.autoSync')}</p>

      <Card title={<span className={refused.length ? 'danger' : undefined}>{t('field.refusedTitle', { count: refused.length })}</span>} testId="field-refused">
        {refused.length === 0 ? <Empty>{t('field.noRefused')}</Empty> : null}
        {refused.map((e) => (
          <EntryLine key={e.id} entry={e}>
            <div className="reason" data-testid="refused-reason">
              {e.refusedReason ? fullRefusal(e.refusedReason) : ''}
            </div>
            <div className="buttons">
              {EDITABLE.has(e.kind) ? (
                <Button kind="primary" onClick={() => navigate(`/field/sync/${e.id}`)} data-testid="refused-edit">
                  {t('field.editRetry')}
                </Button>
              ) : null}
              <Button onClick={() => void retryUnchanged(db, e.id).then(() => runner.run(true))} data-testid="refused-retry">
                {t('field.retry')}
              </Button>
              <Discard onDiscard={() => void discard(db, e.id)} />
            </div>
          </EntryLine>
        ))}
      </Card>

      <Card title={t('field.pendingTitle', { count: pending.length })} testId="field-pending">
        {pending.length === 0 ? <Empty>{t('field.noPending')}</Empty> : null}
        {pending.map((e) => (
          <EntryLine key={e.id} entry={e}>
            <span className="muted small">{pendingNote(e)}</span>
          </EntryLine>
        ))}
      </Card>

      <Card title={t('field.syncedTitle')} testId="field-synced">
        {synced.length === 0 ? <Empty>{t('field.noSynced')}</Empty> : null}
        {synced.map((e) => (
          <EntryLine key={e.id} entry={e} />
        ))}
      </Card>
    </Screen>
  );
}
