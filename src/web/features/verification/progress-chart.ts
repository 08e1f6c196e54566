// A list's progress per region as one stacked bar per region: accepted, checked and waiting for
// review, still open, and overdue (open past the deadline) in red — the share done at a glance.
import type { TFunction } from 'i18next';
import type { EChartsOption } from '../../lib/EChart.tsx';
import type { ListProgressRow } from './verification.api.ts';

export const PROGRESS_COLOURS = { accepted: '#389e0d', review: '#1677ff', open: '#bfbfbf', overdue: '#cf1322' } as const;

/** The four parts of a region's tasks (they add up to its total). */
export function progressParts(row: ListProgressRow) {
  const review = Math.max(0, row.checked - row.accepted);
  const overdue = Math.min(row.overdue, Math.max(0, row.total - row.checked));
  const open = Math.max(0, row.total - row.checked - overdue);
  return { accepted: row.accepted, review, open, overdue };
}

export function progressOption(rows: ListProgressRow[], t: TFunction, horizontal: boolean): EChartsOption {
  const shown = rows.filter((r) => r.total > 0);
  const names = shown.map((r) => r.name);
  const parts = shown.map(progressParts);
  const series = (['accepted', 'review', 'open', 'overdue'] as const).map((key) => ({
    name: t(`verification.chart.${key}`),
    type: 'bar',
    stack: 'tasks',
    barMaxWidth: 28,
    itemStyle: { color: PROGRESS_COLOURS[key] },
    data: parts.map((p) => p[key]),
  }));
  const category = { type: 'category', data: names, axisLabel: { interval: 0, width: 90, overflow: 'truncate' } };
  const value = { type: 'value', minInterval: 1 };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series,
  };
}
