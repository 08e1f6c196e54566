// 扫码登记 in the field app: the pending self-registrations of the worker's grid, as cards; one
// opens full-screen to verify, link or reject. Online only — offline the page says so, and shows
// what it loaded last (the decisions are not queued: a person record must not be made twice).
import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArrivalEntry } from '../../../shared/arrivals.ts';
import { LoadMore } from '../../lib/PagedRecords.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { FieldFrame } from '../field/FieldFrame.tsx';
import { useRunnerState } from '../field/field.sync.ts';
import { ARRIVAL_EVENTS, arrivalKeys, listEntries } from './arrivals.api.ts';
import { EntryDrawer } from './EntryDrawer.tsx';
import { DuplicateTag } from './EntryList.tsx';

export default function FieldArrivalsPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const state = useRunnerState();
  const [openId, setOpenId] = useState<string | null>(null);
  useLiveRefresh(ARRIVAL_EVENTS, arrivalKeys.all);
  const filter = { status: 'pending' as const };
  const { list, rows } = useCursorList(arrivalKeys.list(filter), (cursor) => listEntries({ ...filter, cursor, limit: 50 }));
  const open = (e: ArrivalEntry) => setOpenId(e.id);
  return (
    <FieldFrame
      title={t('arrivals.field.title')}
      back="/field"
      extra={
        <Button size="small" icon={list.isFetching ? <SyncOutlined spin /> : <ReloadOutlined />} disabled={!state.online} onClick={() => void list.refetch()} data-testid="field-arrivals-refresh">
          {t('arrivals.field.refresh')}
        </Button>
      }
    >
      {!state.online ? <Alert type="warning" showIcon title={t('arrivals.offline')} data-testid="field-arrivals-offline" /> : null}
      {list.isError && state.online ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      {list.isPending && state.online ? <Spin style={{ display: 'block', margin: '32px auto' }} /> : null}
      {!list.isPending && rows.length === 0 && !list.isError ? <Empty description={t('arrivals.field.empty')} /> : null}
      <div className="gg-card-list" data-testid="field-arrivals">
        {rows.map((e) => (
          <button key={e.id} type="button" className="gg-field-card" onClick={() => open(e)} data-testid="field-arrival">
            <div className="gg-field-card-line">
              <span className="gg-field-card-title gg-ellipsis">{e.name}</span>
              <span className="gg-muted" style={{ flex: 'none', fontSize: 13 }}>{e.arrivedOn}</span>
            </div>
            <div className="gg-field-card-sub gg-ellipsis">{t('arrivals.fields.origin')}：{e.origin}</div>
            <div className="gg-field-card-sub gg-ellipsis">{e.address}</div>
            <div className="gg-field-tags">
              <span className="gg-mono gg-muted" style={{ fontSize: 12 }}>{e.phone}</span>
              <DuplicateTag entry={e} />
            </div>
          </button>
        ))}
      </div>
      <LoadMore list={list} />
      <EntryDrawer id={openId} onClose={() => setOpenId(null)} online={state.online} />
    </FieldFrame>
  );
}
