// The one Apache ECharts wrapper of the web app: only the chart types and components the pages
// use are registered (echarts/core, tree-shaken), drawn on a canvas that follows its container's
// size (sider collapse, phone rotation), with new options replacing the previous ones. The box
// says whether the chart has finished drawing (data-chart-state: drawing | finished), so a
// browser test can wait for the bars to have grown in.
import { BarChart, LineChart, MapChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ECElementEvent } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { type CSSProperties, useEffect, useRef } from 'react';

echarts.use([BarChart, LineChart, PieChart, MapChart, GridComponent, TooltipComponent, LegendComponent, VisualMapComponent, TitleComponent, DatasetComponent, CanvasRenderer]);

/** For registerMap (the dashboard's region boundaries). */
export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;
export type { ECElementEvent };

interface Props {
  option: EChartsOption;
  /** Pixels, or leave it out to fill the container (which then needs a height). */
  height?: number;
  /** A click on a bar, point or region (e.g. drill down into that region). */
  onClick?: (event: ECElementEvent) => void;
  style?: CSSProperties;
  className?: string;
  testId?: string;
}

export function EChart({ option, height, onClick, style, className, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (e) => clickRef.current?.(e as ECElementEvent));
    // Fired once a render and its animation are done.
    instance.on('finished', () => el.setAttribute('data-chart-state', 'finished'));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (!chart.current) return;
    box.current?.setAttribute('data-chart-state', 'drawing');
    chart.current.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className={className} style={{ width: '100%', height: height ?? '100%', minWidth: 0, minHeight: 0, ...style }} data-testid={testId} />;
}
