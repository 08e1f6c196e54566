// 奖励台账: the rewards of my region (or a chosen one) summed by month and child region — bars
// per month of the amounts proposed, approved and paid, and a table region × month of the chosen
// measure with totals. The server counts each step in the month it was taken (a reward proposed,
// approved and paid in May counts in all three), so the bars stand side by side: stacked, they
// would add one reward up to three times.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Segmented, Skeleton, Space, Statistic, Table, type TableColumnsType, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TipLedger } from '../../../shared/tips.ts';
import { useMe } from '../../app/auth.tsx';
import { dayIn, displayTimeZone } from '../../lib/countyTime.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { TIP_EVENTS, getTipLedger, tipKeys } from './tips.api.ts';
import { formatYuan } from './TipTags.tsx';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';

const MEASURES = ['paid', 'approved', 'proposed', 'rejected'] as const;
type Measure = (typeof MEASURES)[number];
/** The chart's bars, side by side. */
const CHARTED = ['proposed', 'approved', 'paid'] as const;
const COLORS: Record<Measure, string> = { proposed: '#faad14', approved: '#1677ff', paid: '#52c41a', rejected: '#bfbfbf' };
const MONTH_RE = /^\d{4}-\d{2}$/;
type Sum = { count: number; amount: number };
const ZERO: Sum = { count: 0, amount: 0 };

/** Every month from `from` to `to` (YYYY-MM), at most 60. */
function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let m = dayjs(`${from}-01`);
  const end = dayjs(`${to}-01`);
  while (!m.isAfter(end) && out.length < 60) {
    out.push(m.format('YYYY-MM'));
    m = m.add(1, 'month');
  }
  return out;
}

const add = (a: Sum, b: Sum): Sum => ({ count: a.count + b.count, amount: a.amount + b.amount });

function LedgerChart({ ledger, months }: { ledger: TipLedger; months: string[] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    const byMonth = (measure: Measure) => months.map((m) => ledger.rows.filter((r) => r.month === m).reduce((s, r) => s + r[measure].amount, 0));
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatYuan(typeof v === 'number' ? v : 0) },
      legend: { top: 0 },
      grid: { left: 12, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `¥${v}` } },
      series: CHARTED.map((measure) => ({
        name: t(`tips.ledger.measures.${measure}`),
        type: 'bar',
        barMaxWidth: 20,
        itemStyle: { color: COLORS[measure] },
        data: byMonth(measure),
      })),
    };
  }, [ledger, months, t]);
  return <EChart option={option} height={280} testId="tip-ledger-chart" />;
}

interface RegionRow {
  id: string;
  regionName: string;
  cells: Record<string, Sum>;
  total: Sum;
}

function LedgerTable({ ledger, months, measure }: { ledger: TipLedger; months: string[]; measure: Measure }) {
  const { t } = useTranslation();
  const rows = useMemo<RegionRow[]>(() => {
    const byRegion = new Map<number, RegionRow>();
    for (const r of ledger.rows) {
      const row = byRegion.get(r.regionId) ?? { id: String(r.regionId), regionName: r.regionName, cells: {}, total: ZERO };
      row.cells[r.month] = add(row.cells[r.month] ?? ZERO, r[measure]);
      row.total = add(row.total, r[measure]);
      byRegion.set(r.regionId, row);
    }
    return [...byRegion.values()].sort((a, b) => b.total.amount - a.total.amount || a.regionName.localeCompare(b.regionName, 'zh-CN'));
  }, [ledger, measure]);
  const cell = (s: Sum | undefined) =>
    s && s.count > 0 ? (
      <span style={{ whiteSpace: 'nowrap' }}>
        {formatYuan(s.amount)} <span className="gg-muted" style={{ fontSize: 12 }}>{t('tips.ledger.countUnit', { count: s.count })}</span>
      </span>
    ) : (
      <span className="gg-muted">—</span>
    );
  const columns: TableColumnsType<RegionRow> = [
    { title: t('tips.region'), dataIndex: 'regionName', fixed: 'left', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    ...months.map((m) => ({ title: m, key: m, align: 'right' as const, render: (_: unknown, row: RegionRow) => cell(row.cells[m]) })),
    { title: t('tips.ledger.total'), key: 'total', align: 'right', render: (_: unknown, row: RegionRow) => <strong>{cell(row.total)}</strong> },
  ];
  const monthTotal = (m: string) => rows.reduce((s, r) => add(s, r.cells[m] ?? ZERO), ZERO);
  const grand = rows.reduce((s, r) => add(s, r.total), ZERO);
  return (
    <Table<RegionRow>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 'max-content' }}
      data-testid="tip-ledger-table"
      locale={{ emptyText: t('tips.ledger.empty') }}
      summary={() =>
        rows.length ? (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}><strong>{t('tips.ledger.total')}</strong></Table.Summary.Cell>
            {months.map((m, i) => (
              <Table.Summary.Cell key={m} index={i + 1} align="right">{cell(monthTotal(m))}</Table.Summary.Cell>
            ))}
            <Table.Summary.Cell index={months.length + 1} align="right"><strong data-testid="tip-ledger-grand-total">{cell(grand)}</strong></Table.Summary.Cell>
          </Table.Summary.Row>
        ) : null
      }
    />
  );
}

export function TipLedgerPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const { params, regionId, setFilter } = useUrlFilters();
  const thisMonth = dayIn(displayTimeZone()).slice(0, 7);
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const to = toParam && MONTH_RE.test(toParam) ? toParam : thisMonth;
  const from = fromParam && MONTH_RE.test(fromParam) && fromParam <= to ? fromParam : dayjs(`${to}-01`).subtract(5, 'month').format('YYYY-MM');
  const measure = MEASURES.find((m) => m === params.get('measure')) ?? 'paid';
  useLiveRefresh(TIP_EVENTS, tipKeys.ledger(regionId, from, to));
  const ledger = useQuery({ queryKey: tipKeys.ledger(regionId, from, to), queryFn: () => getTipLedger({ regionId, from, to }) });
  const months = monthsBetween(ledger.data?.from ?? from, ledger.data?.to ?? to);
  const totals = ledger.data?.totals;
  const cardBody = { body: { padding: mobile ? 12 : 24 } };
  const range: [Dayjs, Dayjs] = [dayjs(`${from}-01`), dayjs(`${to}-01`)];
  // A county or a town looks into one of its towns or villages; a village's children are grids, already its table's rows.
  const regionLevels = me.region.level === 'county' ? (['county', 'town', 'village'] as const) : me.region.level === 'town' ? (['town', 'village'] as const) : null;

  return (
    <div className="gg-page" data-testid="tip-ledger">
      <div className="gg-page-title">
        <Space size={8}>
          <Link to="/tips" aria-label={t('tips.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2} style={{ margin: 0 }}>{t('tips.ledger.title')}</Typography.Title>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('tips.ledger.intro')}</Typography.Paragraph>
      <Card styles={cardBody} style={{ marginBottom: 16 }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
          <DatePicker.RangePicker
            picker="month"
            value={range}
            allowClear={false}
            inputReadOnly={mobile}
            disabledDate={(d) => d.format('YYYY-MM') > thisMonth}
            onChange={(v) => {
              if (v?.[0] && v[1]) setFilter({ from: v[0].format('YYYY-MM'), to: v[1].format('YYYY-MM') });
            }}
            style={{ flex: '1 1 240px', maxWidth: mobile ? '100%' : 280 }}
            data-testid="tip-ledger-range"
          />
          {regionLevels === null ? null : (
            <RegionSelect
              value={regionId}
              level={regionLevels}
              onChange={(id) => setFilter({ regionId: id === undefined ? undefined : String(id) })}
              allowClear
              placeholder={t('tips.ledger.region', { name: me.region.name })}
              style={{ flex: '1 1 200px', maxWidth: mobile ? '100%' : 280 }}
              data-testid="tip-ledger-region"
            />
          )}
        </div>
        {ledger.isError ? <Alert type="error" showIcon title={errorText(ledger.error)} /> : null}
        {!ledger.data && !ledger.isError ? <Skeleton active paragraph={{ rows: 4 }} /> : null}
        {ledger.data && totals ? (
          <>
            <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'repeat(2, minmax(0, 1fr))' : 'repeat(4, minmax(0, 1fr))', gap: 12, marginBottom: 16 }} data-testid="tip-ledger-totals">
              {MEASURES.map((m) => (
                <Statistic
                  key={m}
                  title={`${t(`tips.ledger.measures.${m}`)}（${t('tips.ledger.countUnit', { count: totals[m].count })}）`}
                  value={formatYuan(totals[m].amount)}
                  styles={{ content: { color: m === 'rejected' ? undefined : COLORS[m], fontSize: mobile ? 18 : 24 } }}
                  data-testid={`tip-ledger-total-${m}`}
                />
              ))}
            </div>
            <LedgerChart ledger={ledger.data} months={months} />
          </>
        ) : null}
      </Card>
      {ledger.data ? (
        <Card
          styles={cardBody}
          title={t('tips.ledger.byRegion')}
          extra={
            mobile ? null : (
              <Segmented<Measure> value={measure} onChange={(v) => setFilter({ measure: v === 'paid' ? undefined : v })} options={MEASURES.map((m) => ({ value: m, label: t(`tips.ledger.measures.${m}`) }))} />
            )
          }
        >
          {mobile ? (
            <Segmented<Measure>
              block
              value={measure}
              onChange={(v) => setFilter({ measure: v === 'paid' ? undefined : v })}
              options={MEASURES.map((m) => ({ value: m, label: t(`tips.ledger.measures.${m}`) }))}
              style={{ marginBottom: 12 }}
            />
          ) : null}
          <LedgerTable ledger={ledger.data} months={months} measure={measure} />
        </Card>
      ) : null}
    </div>
  );
}
