// The verify queue of the account's region: pending first by default, a table on a desk and
// cards on a phone; an entry opens in a drawer with its decisions. Refreshes on live events.
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ARRIVAL_STATUSES, type ArrivalEntry, type ArrivalStatus } from '../../../shared/arrivals.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { ARRIVAL_EVENTS, arrivalKeys, listEntries } from './arrivals.api.ts';
import { EntryDrawer } from './EntryDrawer.tsx';
import { EntryCards, useEntryColumns } from './EntryList.tsx';
import { ExportButton } from '../../lib/ExportButton.tsx';

export function QueuePanel({ mobile, online = true }: { mobile: boolean; online?: boolean }) {
  const { t } = useTranslation();
  const columns = useEntryColumns();
  const [status, setStatus] = useState<ArrivalStatus | undefined>('pending');
  const [openId, setOpenId] = useState<string | null>(null);
  useLiveRefresh(ARRIVAL_EVENTS, arrivalKeys.all);
  const { regionId, setRegionId } = useUrlFilters();
  const filter = { status, regionId };
  const { list, rows, total } = useCursorList(arrivalKeys.list(filter), (cursor) => listEntries({ ...filter, cursor, limit: 50 }));
  const open = (e: ArrivalEntry) => setOpenId(e.id);
  return (
    <>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
        <Select<ArrivalStatus | 'all'>
          value={status ?? 'all'}
          onChange={(v) => setStatus(v === 'all' ? undefined : v)}
          style={{ flex: '1 1 140px', maxWidth: mobile ? undefined : 180 }}
          options={[{ value: 'all' as const, label: t('arrivals.allStatuses') }, ...ARRIVAL_STATUSES.map((s) => ({ value: s, label: t(`arrivals.statuses.${s}`) }))]}
          data-testid="arrival-filter-status"
        />
        <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={total} mobile={mobile} testId="arrivals" />
        <span style={{ marginInlineStart: 'auto' }}>
          <ExportButton list="/arrivals" filters={filter} />
        </span>
      </div>
      <PagedRecords<ArrivalEntry>
        mobile={mobile}
        list={list}
        rows={rows}
        emptyText={t('arrivals.empty')}
        cards={(loaded) => <EntryCards rows={loaded} onOpen={open} />}
        testId="arrival-table"
        onOpen={open}
        columns={columns}
      />
      <EntryDrawer id={openId} onClose={() => setOpenId(null)} online={online} />
    </>
  );
}
