// "Removed / still open" per child region as horizontal stacked bars (Apache ECharts, only the
// parts used are registered). Horizontal so town names stay readable on a 360-px phone.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface RemovalBar {
  name: string;
  removed: number;
  open: number;
}

const ROW_HEIGHT = 26;

export function RemovalChart({ bars, labels }: { bars: RemovalBar[]; labels: { removed: string; open: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  const height = Math.max(160, bars.length * ROW_HEIGHT + 70);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    // Top of the list first: ECharts draws a category axis bottom-up.
    const rows = [...bars].reverse();
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: [labels.removed, labels.open] },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((b) => b.name),
        axisLabel: { width: 84, overflow: 'truncate' },
      },
      series: [
        { name: labels.removed, type: 'bar', stack: 'all', data: rows.map((b) => b.removed), itemStyle: { color: '#389e0d' }, barMaxWidth: 18 },
        { name: labels.open, type: 'bar', stack: 'all', data: rows.map((b) => b.open), itemStyle: { color: '#fa8c16' }, barMaxWidth: 18 },
      ],
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [bars, labels.removed, labels.open]);

  return <div ref={ref} style={{ width: '100%', height }} data-testid="checkpoint-chart" />;
}
