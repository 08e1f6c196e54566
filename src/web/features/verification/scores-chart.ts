// The score (考核) of each child region as a bar chart: the daily report's score beside the
// verification score, so regions compare at a glance; a region with nothing due shows no bar.
import type { TFunction } from 'i18next';
import type { EChartsOption } from '../../lib/EChart.tsx';
import type { RegionScore } from './verification.api.ts';

export const SCORE_COLOURS = { reports: '#1677ff', verification: '#389e0d' } as const;

export function scoresOption(rows: RegionScore[], t: TFunction, horizontal: boolean): EChartsOption {
  const category = { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } };
  const value = { type: 'value', min: 0, max: 100 };
  const bar = (key: keyof typeof SCORE_COLOURS, label: string, pick: (r: RegionScore) => number | null) => ({
    name: label,
    type: 'bar',
    barMaxWidth: 22,
    itemStyle: { color: SCORE_COLOURS[key] },
    label: { show: !horizontal && rows.length <= 12, position: 'top', fontSize: 11 },
    data: rows.map(pick),
  });
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [bar('reports', t('verification.scores.reportScore'), (r) => r.reports.score), bar('verification', t('verification.scores.verificationScore'), (r) => r.verification.score)],
  };
}
