// 同步: what waits to be sent, what was sent, and what the server refused (需处理) with its reason;
// a refused change is edited and retried, retried as it is, or discarded — only on the worker's word.
import { CloudUploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OutboxEntry } from '../../offline/db.ts';
import { discard, listOutbox, retryUnchanged } from '../../offline/outbox.ts';
import { isBlocked } from '../../offline/sync.ts';
import { FieldFrame } from './FieldFrame.tsx';
import { useRefusalText } from './refusal.ts';
import { useFieldDb, useLive, useRunner, useRunnerState } from './field.sync.ts';

const EDITABLE = new Set(['household', 'person', 'visit']);

function EntryLine({ entry, children }: { entry: OutboxEntry; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="gg-field-member" style={{ alignItems: 'flex-start', flexDirection: 'column', gap: 2 }} data-testid={`outbox-${entry.status}`}>
      <div className="gg-field-card-line" style={{ width: '100%' }}>
        <span className="gg-ellipsis">
          <Tag>{t(`field.kinds.${entry.kind}`, { defaultValue: entry.kind })}</Tag>
          {entry.summary}
        </span>
        <span className="gg-muted" style={{ fontSize: 12, flex: 'none' }}>{dayjs(entry.syncedAt ?? entry.createdAt).format('MM-DD HH:mm')}</span>
      </div>
      {children}
    </div>
  );
}

export default function FieldSyncPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const db = useFieldDb();
  const runner = useRunner();
  const state = useRunnerState();
  const navigate = useNavigate();
  const loaded = useLive(() => listOutbox(db), [db]);
  const entries = loaded ?? [];
  // Counts only once the database answered: a "0" before that would be a lie.
  const n = (count: number) => (loaded ? count : '–');
  const refused = entries.filter((e) => e.status === 'refused');
  const pending = entries.filter((e) => e.status === 'pending' || e.status === 'sending');
  const synced = entries.filter((e) => e.status === 'synced').reverse().slice(0, 30);
  const refusedRecords = new Set(refused.flatMap((e) => (e.recordId ? [e.recordId] : [])));

  const refusal = useRefusalText();
  const reasonOf = (e: OutboxEntry) => (e.refusedReason ? refusal.full(e.refusedReason) : '');
  const pendingNote = (e: OutboxEntry) => {
    if (e.status === 'sending') return t('field.sending');
    if (isBlocked(e, refusedRecords)) return t('field.blocked');
    if (e.attempts > 0) return t('field.retrying', { count: e.attempts, error: t(`errors.${e.lastError ?? 'unknown'}`, { defaultValue: e.lastError ?? '' }) });
    return t('field.waiting');
  };
  const syncNow = async () => {
    const report = await runner.run(true);
    if (report?.stop === 'network') void message.warning(t('field.stillOffline'));
  };

  return (
    <FieldFrame title={t('field.syncPage')} back="/field">
      <div className="gg-field-stats" data-testid="field-sync-stats">
        <div className="gg-field-stat"><b data-testid="stat-pending">{n(pending.length)}</b>{t('field.statPending')}</div>
        <div className="gg-field-stat"><b data-testid="stat-synced">{n(entries.filter((e) => e.status === 'synced').length)}</b>{t('field.statSynced')}</div>
        <div className="gg-field-stat gg-field-stat-refused"><b data-testid="stat-refused">{n(refused.length)}</b>{t('field.statRefused')}</div>
      </div>
      <Button type="primary" icon={<CloudUploadOutlined />} block size="large" loading={state.running} onClick={() => void syncNow()} data-testid="field-sync-now">
        {t('field.syncNow')}
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {state.lastRunAt ? t('field.lastRun', { time: dayjs(state.lastRunAt).format('HH:mm:ss') }) : t('field.autoSync')}
      </Typography.Text>

      <Card size="small" title={<span style={{ color: refused.length ? '#cf1322' : undefined }}>{t('field.refusedTitle', { count: refused.length })}</span>} data-testid="field-refused">
        {refused.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.noRefused')} /> : null}
        {refused.map((e) => (
          <EntryLine key={e.id} entry={e}>
            <div className="gg-field-reason" data-testid="refused-reason">{reasonOf(e)}</div>
            <Space wrap style={{ marginTop: 6 }}>
              {EDITABLE.has(e.kind) ? (
                <Button size="small" type="primary" onClick={() => void navigate(`/field/sync/${e.id}`)} data-testid="refused-edit">{t('field.editRetry')}</Button>
              ) : null}
              <Button size="small" onClick={() => void retryUnchanged(db, e.id).then(() => runner.run(true))} data-testid="refused-retry">{t('field.retry')}</Button>
              <Popconfirm title={t('field.discardConfirm')} description={t('field.discardWarn')} okText={t('field.discard')} okButtonProps={{ danger: true }} onConfirm={() => void discard(db, e.id)}>
                <Button size="small" danger data-testid="refused-discard">{t('field.discard')}</Button>
              </Popconfirm>
            </Space>
          </EntryLine>
        ))}
      </Card>

      <Card size="small" title={t('field.pendingTitle', { count: pending.length })} data-testid="field-pending">
        {pending.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.noPending')} /> : null}
        {pending.map((e) => (
          <EntryLine key={e.id} entry={e}>
            <span className="gg-muted" style={{ fontSize: 12 }}>{pendingNote(e)}</span>
          </EntryLine>
        ))}
      </Card>

      <Card size="small" title={t('field.syncedTitle')} data-testid="field-synced">
        {synced.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.noSynced')} /> : null}
        {synced.map((e) => <EntryLine key={e.id} entry={e} />)}
      </Card>
    </FieldFrame>
  );
}
