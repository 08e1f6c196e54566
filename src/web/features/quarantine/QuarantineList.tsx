// Orders as table columns (desk) or cards (phone): person, grid, start–end, days left, monitor,
// status. The page's PagedRecords puts them in a table or shows the cards, spinner and empty state.
// An active order past its last day is overdue (red row / red card edge): someone must release or
// extend it.
import { UserOutlined } from '@ant-design/icons';
import { Card, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Quarantine, QuarantineStatus } from '../../../shared/quarantine.ts';
import { NumberLine, RecordNumber, Wrapped } from '../../lib/RecordNumber.tsx';
import { orderTiming } from './days.ts';

interface Props {
  rows: Quarantine[];
  today: string;
  onOpen: (order: Quarantine) => void;
}

/** Town / village / group, so a county-wide list tells two 第二村民小组 apart; the name alone off lists. */
const placeOf = (o: Quarantine) => (o.regionPath?.length ? o.regionPath.join(' / ') : o.regionName);

export function StatusTag({ status }: { status: QuarantineStatus }) {
  const { t } = useTranslation();
  return <Tag color={status === 'active' ? 'orange' : 'green'} style={{ marginInlineEnd: 0 }}>{t(`quarantine.statuses.${status}`)}</Tag>;
}

/** "剩 5 天", "今日期满", "逾期 2 天" — or nothing once released. */
export function DaysLeft({ order, today }: { order: Pick<Quarantine, 'status' | 'endOn'>; today: string }) {
  const { t } = useTranslation();
  if (order.status !== 'active') return <span className="gg-muted">—</span>;
  const { daysLeft, overdue, endsToday } = orderTiming(order, today);
  if (overdue) return <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="quarantine-overdue">{t('quarantine.overdueN', { count: -daysLeft })}</Tag>;
  if (endsToday) return <Tag color="gold" style={{ marginInlineEnd: 0 }}>{t('quarantine.endsToday')}</Tag>;
  return <span>{t('quarantine.daysLeftN', { count: daysLeft })}</span>;
}

export function useOrderColumns(today: string): TableColumnsType<Quarantine> {
  const { t } = useTranslation();
  const dash = <span className="gg-muted">—</span>;
  return [
    // RecordTable has no row styling: an overdue order shows its person in red, and the red tag.
    { title: t('common.number'), dataIndex: 'number', render: (v: string) => <RecordNumber value={v} testId="quarantine-number" /> },
    { title: t('quarantine.person'), dataIndex: 'personName', render: (v: string, o) => <a style={orderTiming(o, today).overdue ? { color: '#cf1322', fontWeight: 600 } : undefined}>{v}</a> },
    { title: t('quarantine.region'), dataIndex: 'regionName', render: (_: string, o: Quarantine) => <Wrapped maxWidth={200} testId="quarantine-place">{placeOf(o)}</Wrapped> },
    { title: t('quarantine.reason'), dataIndex: 'reason', ellipsis: true, width: 200 },
    { title: t('quarantine.period'), key: 'period', render: (_, o) => <span style={{ whiteSpace: 'nowrap' }}>{o.startOn} ~ {o.endOn}</span> },
    { title: t('quarantine.daysLeft'), key: 'left', render: (_, o) => <DaysLeft order={o} today={today} /> },
    { title: t('quarantine.monitor'), dataIndex: 'monitorName', render: (v: string | null) => v ?? dash },
    { title: t('common.status'), dataIndex: 'status', render: (v: QuarantineStatus) => <StatusTag status={v} /> },
  ];
}

export function OrderCards({ rows, today, onOpen }: Props) {
  return (
    <div className="gg-card-list" data-testid="quarantine-cards">
      {rows.map((o) => {
        const { overdue } = orderTiming(o, today);
        return (
          <Card key={o.id} size="small" hoverable onClick={() => onOpen(o)} style={overdue ? { borderInlineStart: '4px solid #cf1322' } : undefined}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <strong className="gg-ellipsis" style={{ fontSize: 15 }}>{o.personName}</strong>
              <span style={{ flex: 'none', display: 'flex', gap: 4 }}>
                <DaysLeft order={o} today={today} />
                <StatusTag status={o.status} />
              </span>
            </div>
            <NumberLine number={o.number} numberTestId="quarantine-number" place={placeOf(o)} placeTestId="quarantine-place" />
            <div className="gg-muted gg-ellipsis" style={{ fontSize: 12 }} title={o.reason ?? undefined}>{o.reason}</div>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 13 }}>
              <span style={{ whiteSpace: 'nowrap' }}>{o.startOn} ~ {o.endOn}</span>
              <span className="gg-ellipsis gg-muted">{o.monitorName ? <><UserOutlined /> {o.monitorName}</> : ''}</span>
            </div>
          </Card>
        );
      })}
    </div>
  );
}
