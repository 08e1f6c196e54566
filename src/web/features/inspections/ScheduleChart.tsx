// A schedule on a day × hour grid (a heatmap of visits): planners see at a glance that the visits
// fall across the whole period and around the clock, night hours (20:00–06:00) marked. On a phone
// the days run down the page and the 24 hours across, so a month still fits 360 px.
import { HeatmapChart } from 'echarts/charts';
import { useMemo } from 'react';
import type { Inspection } from '../../../shared/inspections.ts';
import { EChart, type EChartsOption, echarts } from '../../lib/EChart.tsx';
import { countyTime, dayRange, isNightHour } from '../../lib/countyTime.ts';

// The shared wrapper registers the common charts; the heatmap is this page's alone.
echarts.use([HeatmapChart]);

interface Props {
  inspections: Inspection[];
  from: string;
  to: string;
  /** Days down, hours across (a phone). */
  vertical: boolean;
  visitsLabel: string;
}

export function ScheduleChart({ inspections, from, to, vertical, visitsLabel }: Props) {
  const days = useMemo(() => dayRange(from, to), [from, to]);
  const option = useMemo<EChartsOption>(() => {
    const counts = new Map<string, number>();
    for (const x of inspections) {
      if (x.status === 'cancelled') continue;
      const { day, hour } = countyTime(x.scheduledAt);
      const key = `${day}|${hour}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const data: [number, number, number][] = [];
    let max = 1;
    for (const [key, n] of counts) {
      const [day = '', hour = '0'] = key.split('|');
      const d = days.indexOf(day);
      if (d < 0) continue;
      max = Math.max(max, n);
      data.push(vertical ? [Number(hour), d, n] : [d, Number(hour), n]);
    }
    const night: [number, number, number][] = [];
    days.forEach((_, d) => {
      for (let h = 0; h < 24; h++) if (isNightHour(h)) night.push(vertical ? [h, d, 0] : [d, h, 0]);
    });
    const hours = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}`);
    const hourAxis = {
      type: 'category',
      data: hours,
      splitArea: { show: true },
      axisLabel: { interval: vertical ? 2 : 1, color: (value: string) => (isNightHour(Number(value)) ? '#1d39c4' : '#8c8c8c') },
    };
    const dayAxis = { type: 'category', data: days.map((d) => d.slice(5)), splitArea: { show: true }, axisLabel: { hideOverlap: true }, inverse: vertical };
    return {
      animation: false,
      tooltip: {
        position: 'top',
        formatter: (p: { value?: [number, number, number] }) => {
          const [a = 0, b = 0, n = 0] = p.value ?? [];
          const day = days[vertical ? b : a] ?? '';
          const hour = vertical ? a : b;
          return `${day} ${String(hour).padStart(2, '0')}:00–${String(hour).padStart(2, '0')}:59<br/>${visitsLabel}: ${n}`;
        },
      },
      grid: { left: 8, right: 8, top: 8, bottom: vertical ? 8 : 48, containLabel: true },
      xAxis: vertical ? hourAxis : dayAxis,
      yAxis: vertical ? dayAxis : hourAxis,
      visualMap: { seriesIndex: 1, min: 0, max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, show: !vertical, inRange: { color: ['#69b1ff', '#1677ff', '#002c8c'] }, itemHeight: 120 },
      series: [
        // Night cells shaded underneath, so the visits that fall at night stand out as such.
        { type: 'heatmap', data: night, silent: true, tooltip: { show: false }, itemStyle: { color: '#e8edfc', borderColor: '#fff', borderWidth: 1 } },
        { type: 'heatmap', name: visitsLabel, data, label: { show: !vertical && days.length <= 14, fontSize: 10, color: '#fff' }, itemStyle: { borderColor: '#fff', borderWidth: 1 } },
      ],
    };
  }, [inspections, days, vertical, visitsLabel]);
  const height = vertical ? Math.max(240, days.length * 18 + 40) : 24 * 18 + 70;
  return <EChart option={option} height={height} testId="schedule-chart" />;
}
