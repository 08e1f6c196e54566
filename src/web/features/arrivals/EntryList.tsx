// Arrival entries as table columns (desk) or cards (phone): name, masked numbers, where from,
// arrival day, grid, the duplicate flag and the status.
import { Card, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ArrivalEntry, ArrivalStatus } from '../../../shared/arrivals.ts';
import { formatDateTime } from '../../lib/format.ts';

const STATUS_COLORS: Record<ArrivalStatus, string> = { pending: 'orange', verified: 'green', linked: 'blue', rejected: 'default' };

export function EntryStatusTag({ status }: { status: ArrivalStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`arrivals.statuses.${status}`)}</Tag>;
}

export function DuplicateTag({ entry }: { entry: ArrivalEntry }) {
  const { t } = useTranslation();
  if (!entry.duplicate) return null;
  return <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="arrival-duplicate-tag">{t('arrivals.duplicateTag')}</Tag>;
}

/** The grid, or a hint that the person named none (the entry waits at the village). */
function RegionText({ e }: { e: ArrivalEntry }) {
  const { t } = useTranslation();
  return e.regionId === e.villageId ? <span>{e.regionName} <Tag style={{ marginInlineEnd: 0 }}>{t('arrivals.villageOnly')}</Tag></span> : <span>{e.regionName}</span>;
}

export function useEntryColumns(): TableColumnsType<ArrivalEntry> {
  const { t } = useTranslation();
  return [
    { title: t('arrivals.fields.name'), dataIndex: 'name', render: (v: string, e) => <a style={{ overflowWrap: 'anywhere' }}>{v} <DuplicateTag entry={e} /></a> },
    { title: t('arrivals.fields.idNumber'), dataIndex: 'idNumber', render: (v: string) => <span className="gg-mono">{v}</span> },
    { title: t('arrivals.fields.phone'), dataIndex: 'phone', render: (v: string) => <span className="gg-mono">{v}</span> },
    { title: t('arrivals.fields.origin'), dataIndex: 'origin' },
    { title: t('arrivals.fields.arrivedOn'), dataIndex: 'arrivedOn' },
    { title: t('arrivals.fields.region'), dataIndex: 'regionName', render: (_: string, e) => <RegionText e={e} /> },
    { title: t('arrivals.fields.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
    { title: t('arrivals.fields.reference'), dataIndex: 'reference', render: (v: string) => <span className="gg-mono">{v}</span> },
    { title: t('arrivals.fields.status'), dataIndex: 'status', render: (v: ArrivalStatus) => <EntryStatusTag status={v} /> },
  ];
}

export function EntryCards({ rows, onOpen }: { rows: ArrivalEntry[]; onOpen: (e: ArrivalEntry) => void }) {
  const { t } = useTranslation();
  return (
    <div className="gg-card-list" data-testid="arrival-cards">
      {rows.map((e) => (
        <Card key={e.id} size="small" onClick={() => onOpen(e)} hoverable data-testid="arrival-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <span style={{ display: 'flex', gap: 6, alignItems: 'center', minWidth: 0 }}>
              <strong className="gg-ellipsis">{e.name}</strong>
              <DuplicateTag entry={e} />
            </span>
            <span style={{ flex: 'none' }}><EntryStatusTag status={e.status} /></span>
          </div>
          <div className="gg-muted gg-ellipsis" style={{ fontSize: 12, marginTop: 4 }}>
            <span className="gg-mono">{e.idNumber}</span> · <span className="gg-mono">{e.phone}</span>
          </div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 13 }}>
            <span className="gg-ellipsis">{t('arrivals.fields.origin')}：{e.origin}</span>
            <span style={{ flex: 'none' }}>{e.arrivedOn}</span>
          </div>
          <div className="gg-muted gg-ellipsis" style={{ fontSize: 12, marginTop: 2 }}>
            {e.regionId === e.villageId ? `${e.regionName} · ${t('arrivals.villageOnly')}` : e.regionName} · {e.address}
          </div>
        </Card>
      ))}
    </div>
  );
}
