// Gatherings dispersed and mask reminders per day (the last 14 days), from the day counters.
import { useMemo } from 'react';
import type { PatrolDay } from '../../../shared/patrol-logs.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';

export function PatrolChart({ days, labels, height }: { days: PatrolDay[]; labels: { gatherings: string; reminders: string }; height: number }) {
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [labels.gatherings, labels.reminders] },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)), axisLabel: { hideOverlap: true } },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: labels.gatherings, type: 'bar', data: days.map((d) => d.gatheringsDispersed), itemStyle: { color: '#fa8c16' }, barMaxWidth: 18 },
        { name: labels.reminders, type: 'line', yAxisIndex: 1, data: days.map((d) => d.maskReminders), itemStyle: { color: '#1677ff' } },
      ],
    }),
    [days, labels.gatherings, labels.reminders],
  );
  return <EChart option={option} height={height} testId="patrol-chart" />;
}
