// The frame of every signed-in phone page: a top bar (back, title, a page's action), the sync
// strip (online or 离线, what waits to be sent or needs attention) and one column of content.
import type { ReactNode } from 'react';
import { outboxCounts } from '../client/offline/outbox.ts';
import { useLive } from '../client/offline/live.ts';
import { Link, navigate } from '../client/router.tsx';
import { t } from './i18n.ts';
import { useDb, useRunnerState } from './sync.ts';

export function SyncStrip() {
  const db = useDb();
  const state = useRunnerState();
  const counts = useLive(() => outboxCounts(db), [db]);
  const offline = !state.online;
  const tone = state.authRequired ? 'auth' : offline ? 'offline' : 'online';
  return (
    <div className={`strip strip-${tone}`} data-testid="field-sync-bar">
      <span className="strip-state" data-testid={offline ? 'offline-indicator' : 'online-indicator'}>
        <span className="dot" aria-hidden="true" />
        {offline ? t('field.offline') : state.running ? t('field.syncing') : t('field.online')}
      </span>
      <Link to="/field/sync" className="strip-counts" data-testid="field-sync-link">
        {/* Nothing until the database answered: a "0" before that would be a lie. */}
        {counts ? <span data-testid="pending-count">{t('field.pendingN', { count: counts.pending })}</span> : null}
        {counts?.refused ? (
          <span className="strip-refused" data-testid="refused-count">
            {t('field.refusedN', { count: counts.refused })}
          </span>
        ) : null}
      </Link>
      {state.authRequired ? (
        <Link to="/field/login?next=%2Ffield%2Fsync" className="strip-note strip-login" data-testid="relogin">
          {t('field.reloginToSync')}
        </Link>
      ) : offline ? (
        <span className="strip-note">{t('field.offlineNote')}</span>
      ) : null}
    </div>
  );
}

export function Screen({ title, back, action, children, testId }: { title: ReactNode; back?: string; action?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <>
      <header className="bar">
        {back ? (
          <button type="button" className="bar-back" onClick={() => navigate(back)} aria-label={t('phone.back')} data-testid="field-back">
            ‹
          </button>
        ) : null}
        <h1 className="bar-title">{title}</h1>
        {action}
      </header>
      <SyncStrip />
      <main className="column" data-testid={testId}>
        {children}
      </main>
    </>
  );
}
