// The strip at the top of every field page: online or 离线, and what waits to be sent or needs
// the worker's attention; a tap opens the sync page.
import { CloudSyncOutlined, DisconnectOutlined, ExclamationCircleOutlined, LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { outboxCounts } from '../../offline/outbox.ts';
import { useFieldDb, useLive, useRunnerState } from './field.sync.ts';

export function SyncBar() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const state = useRunnerState();
  const counts = useLive(() => outboxCounts(db), [db]);
  const offline = !state.online;
  const tone = state.authRequired ? 'auth' : offline ? 'offline' : 'online';
  return (
    <div className={`gg-field-bar gg-field-bar-${tone}`} data-testid="field-sync-bar">
      <span className="gg-field-bar-state" data-testid={offline ? 'offline-indicator' : 'online-indicator'}>
        {offline ? <DisconnectOutlined /> : <CloudSyncOutlined spin={state.running} />}
        {offline ? t('field.offline') : state.running ? t('field.syncing') : t('field.online')}
      </span>
      <Link to="/field/sync" className="gg-field-bar-counts" data-testid="field-sync-link">
        {/* Nothing until the database answered: a "0" before that would be a lie. */}
        {counts ? <span data-testid="pending-count">{t('field.pendingN', { count: counts.pending })}</span> : null}
        {counts?.refused ? (
          <span className="gg-field-bar-refused" data-testid="refused-count">
            <ExclamationCircleOutlined /> {t('field.refusedN', { count: counts.refused })}
          </span>
        ) : null}
      </Link>
      {state.authRequired ? (
        <Link to="/login?next=%2Ffield%2Fsync" className="gg-field-bar-login" data-testid="relogin">
          <LoginOutlined /> {t('field.reloginToSync')}
        </Link>
      ) : offline ? (
        <span className="gg-field-bar-note">{t('field.offlineNote')}</span>
      ) : null}
    </div>
  );
}
