// The roll-up at a glance: summary tiles, a stacked bar per child region (on time / late /
// missing; a click drills down) and the reporting-rate trend over 14 or 30 days.
import { Card, Empty, Segmented, Statistic } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RollupRow } from '../../../shared/reports.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { EChart } from '../../lib/EChart.tsx';
import { shortDay } from '../../lib/countyTime.ts';
import type { TrendPoint } from './reports.api.ts';

export const COLORS = { onTime: '#52c41a', late: '#fa8c16', missing: '#d9d9d9', returned: '#f5222d', rate: '#1f5fbf' } as const;

type Totals = Pick<RollupRow, 'grids' | 'onTime' | 'late' | 'missing' | 'returned'>;

/** Filed (on time or late) over all grids, in whole percent; null with no grids. */
export const reportingRate = (r: Totals): number | null => (r.grids > 0 ? Math.round(((r.onTime + r.late) / r.grids) * 1000) / 10 : null);
/** Grids with no report at all (missing less the sent-back ones). */
export const notFiled = (r: Totals): number => Math.max(0, r.missing - r.returned);
export const onTimeRate = (r: Totals): number | null => (r.grids > 0 ? Math.round((r.onTime / r.grids) * 1000) / 10 : null);

export function RollupTiles({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const rate = reportingRate(totals);
  const tiles = [
    { key: 'grids', title: t('reports.tiles.grids'), value: totals.grids, color: undefined },
    { key: 'onTime', title: t('reports.tiles.onTime'), value: totals.onTime, color: '#389e0d' },
    { key: 'late', title: t('reports.tiles.late'), value: totals.late, color: '#d46b08' },
    // The server counts a sent-back report as missing too; here the tiles add up to the grids.
    { key: 'missing', title: t('reports.tiles.missing'), value: notFiled(totals), color: notFiled(totals) ? '#cf1322' : undefined },
    { key: 'returned', title: t('reports.tiles.returned'), value: totals.returned, color: totals.returned ? '#cf1322' : undefined },
  ];
  return (
    <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'repeat(3, minmax(0, 1fr))' : 'repeat(6, minmax(0, 1fr))', gap: mobile ? 8 : 16, marginBottom: 16 }} data-testid="rollup-tiles">
      <Card size="small" styles={{ body: { padding: mobile ? 8 : 16 } }} data-testid="tile-rate">
        <Statistic title={t('reports.tiles.rate')} value={rate ?? '—'} suffix={rate === null ? undefined : '%'} styles={{ content: { color: '#1f5fbf', fontSize: mobile ? 20 : 28 } }} />
      </Card>
      {tiles.map((tile) => (
        <Card key={tile.key} size="small" styles={{ body: { padding: mobile ? 8 : 16 } }} data-testid={`tile-${tile.key}`}>
          <Statistic title={tile.title} value={tile.value} styles={{ content: { color: tile.color, fontSize: mobile ? 20 : 28 } }} />
        </Card>
      ))}
    </div>
  );
}

/** One horizontal stacked bar per child region; clicking a bar calls onPick with the row. */
export function ChildrenBars({ rows, onPick }: { rows: RollupRow[]; onPick: (row: RollupRow) => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const option = useMemo<EChartsCoreOption>(() => {
    // ECharts draws the first category at the bottom: reverse to read top-down.
    const ordered = [...rows].reverse();
    // The server counts a sent-back report as missing (to be filed again): show it apart, in red.
    const value = (r: RollupRow, k: 'onTime' | 'late' | 'returned' | 'missing') => (k === 'missing' ? notFiled(r) : r[k]);
    const series = (['onTime', 'late', 'returned', 'missing'] as const).map((k) => ({
      name: t(`reports.tiles.${k}`),
      type: 'bar',
      stack: 'grids',
      barMaxWidth: 22,
      itemStyle: { color: COLORS[k] },
      label: { show: !mobile, position: 'inside', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      emphasis: { focus: 'series' },
      data: ordered.map((r) => value(r, k)),
    }));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((r) => r.name), axisLabel: { width: mobile ? 80 : 160, overflow: 'truncate' } },
      series,
    };
  }, [rows, t, mobile]);
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noChildren')} />;
  return (
    <EChart
      option={option}
      height={Math.max(180, rows.length * 34 + 70)}
      onClick={(e) => {
        const row = rows[rows.length - 1 - e.dataIndex];
        if (row) onPick(row);
      }}
      testId="rollup-bars"
    />
  );
}

export function TrendChart({ items, days, onDays }: { items: TrendPoint[]; days: number; onDays: (d: number) => void }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en';
  const option = useMemo<EChartsCoreOption>(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', boundaryGap: false, data: items.map((p) => shortDay(p.date, english)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: t('reports.trend.rate'), type: 'line', smooth: true, symbolSize: 6, itemStyle: { color: COLORS.rate }, areaStyle: { opacity: 0.08 }, data: items.map((p) => reportingRate(p)) },
        { name: t('reports.trend.onTime'), type: 'line', smooth: true, symbolSize: 6, itemStyle: { color: COLORS.onTime }, data: items.map((p) => onTimeRate(p)) },
      ],
    }),
    [items, t, english],
  );
  return (
    <Card
      size="small"
      title={t('reports.trend.title')}
      extra={<Segmented size="small" value={days} onChange={(v) => onDays(Number(v))} options={[14, 30].map((d) => ({ value: d, label: t('reports.trend.days', { count: d }) }))} data-testid="trend-days" />}
      style={{ height: '100%' }}
    >
      {items.length ? <EChart option={option} height={260} testId="trend-chart" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </Card>
  );
}
