// "Removed / still open" per child region as horizontal stacked bars. Horizontal so town names
// stay readable on a 360-px phone.
import { useMemo } from 'react';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';

export interface RemovalBar {
  name: string;
  removed: number;
  open: number;
}

const ROW_HEIGHT = 26;

export function RemovalChart({ bars, labels }: { bars: RemovalBar[]; labels: { removed: string; open: string } }) {
  const height = Math.max(160, bars.length * ROW_HEIGHT + 70);
  const option = useMemo<EChartsOption>(() => {
    // Top of the list first: ECharts draws a category axis bottom-up.
    const rows = [...bars].reverse();
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [labels.removed, labels.open] },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((b) => b.name), axisLabel: { width: 84, overflow: 'truncate' } },
      series: [
        { name: labels.removed, type: 'bar', stack: 'all', data: rows.map((b) => b.removed), itemStyle: { color: '#389e0d' }, barMaxWidth: 18 },
        { name: labels.open, type: 'bar', stack: 'all', data: rows.map((b) => b.open), itemStyle: { color: '#fa8c16' }, barMaxWidth: 18 },
      ],
    };
  }, [bars, labels.removed, labels.open]);
  return <EChart option={option} height={height} testId="checkpoint-chart" />;
}
