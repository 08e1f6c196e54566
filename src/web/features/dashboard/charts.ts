// ECharts options for the dashboard's charts, built from the API's figures.
import type { TFunction } from 'i18next';
import type { RegionFigures, RegionMap, StatsTrend } from '../../../shared/stats.ts';
import { CATEGORY_KEYS, TIP_STATUSES } from '../../../shared/stats.ts';
import type { EChartsOption } from '../../lib/EChart.tsx';
import { SCREEN, axisStyle, tooltipStyle } from './palette.ts';

export const MAP_METRICS = ['reportRate', 'removedRate', 'persons', 'keyPersons', 'risk'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** The value a region has for a map metric (null: nothing to measure, e.g. no grids). */
export function metricValue(f: RegionFigures, metric: MapMetric): number | null {
  switch (metric) {
    case 'reportRate':
      return pct(f.reports.filed, f.reports.grids);
    case 'removedRate':
      return pct(f.checkpoints.removed, f.checkpoints.total);
    case 'persons':
      return f.persons.total;
    case 'keyPersons':
      return f.keyPersons;
    case 'risk':
      // Bars (no boundaries): yellow and red people; the map colours by the region's colour (risk-map.ts).
      return f.risk.yellow + f.risk.red;
  }
}
export const isPercent = (metric: MapMetric) => metric === 'reportRate' || metric === 'removedRate';
export const formatMetric = (value: number | null, metric: MapMetric) => (value === null ? '—' : isPercent(metric) ? `${value}%` : value.toLocaleString());

export function mapOption(mapName: string, map: RegionMap, children: readonly RegionFigures[], metric: MapMetric, t: TFunction, compact: boolean): EChartsOption {
  const byId = new Map(children.map((c) => [c.regionId, c]));
  const data: Record<string, unknown>[] = map.features.map((f) => {
    const figures = byId.get(f.properties.regionId);
    return { name: f.properties.name, value: figures ? metricValue(figures, metric) : null, regionId: f.properties.regionId, figures };
  });
  // The region's own outline: a glowing border under the children, never hovered or labelled.
  if (map.outline) {
    data.unshift({
      name: OUTLINE,
      value: null,
      label: { show: false },
      emphasis: { disabled: true },
      tooltip: { show: false },
      itemStyle: { areaColor: 'rgba(0,0,0,0)', borderColor: SCREEN.cyan, borderWidth: compact ? 2 : 3, shadowColor: SCREEN.cyan, shadowBlur: 18 },
    });
  }
  const values = data.map((d) => d.value).filter((v): v is number => typeof v === 'number');
  const max = isPercent(metric) ? 100 : Math.max(1, ...values);
  const centreLat = latitudeOf(map);
  return {
    tooltip: {
      ...tooltipStyle,
      formatter: (p: { name: string; data?: { value: number | null; figures?: RegionFigures } }) => {
        const f = p.data?.figures;
        if (p.name === OUTLINE) return '';
        if (!f) return p.name;
        return [
          `<b>${p.name}</b>`,
          `${t(`dashboard.metrics.${metric}`)}：${formatMetric(p.data?.value ?? null, metric)}`,
          `${t('dashboard.kpi.reports')}：${f.reports.filed} / ${f.reports.grids}（${t('dashboard.kpi.late')} ${f.reports.late}）`,
          `${t('dashboard.kpi.checkpoints')}：${f.checkpoints.removed} / ${f.checkpoints.total}`,
          `${t('dashboard.kpi.persons')}：${f.persons.total.toLocaleString()}　${t('dashboard.kpi.keyPersons')}：${f.keyPersons}`,
        ].join('<br/>');
      },
    },
    visualMap: {
      type: 'continuous',
      min: 0,
      max,
      ...(compact ? { orient: 'horizontal', left: 'center', bottom: 6, itemWidth: 10, itemHeight: 120 } : { left: 16, bottom: 16, itemHeight: 140 }),
      calculable: false,
      text: [isPercent(metric) ? '100%' : String(max), '0'],
      textStyle: { color: SCREEN.muted },
      inRange: { color: isPercent(metric) ? [...SCREEN.rateRange] : [...SCREEN.mapRange] },
      outOfRange: { color: '#16243a' },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        roam: !compact,
        aspectScale: Math.cos((centreLat * Math.PI) / 180),
        layoutCenter: ['50%', compact ? '46%' : '50%'],
        layoutSize: compact ? '88%' : '92%',
        selectedMode: false,
        label: { show: !compact || map.features.length <= 12, color: '#eaf6ff', fontSize: compact ? 9 : 12, textShadowColor: '#000', textShadowBlur: 4 },
        itemStyle: { areaColor: '#16243a', borderColor: 'rgba(120, 220, 255, 0.85)', borderWidth: 1 },
        emphasis: { label: { color: '#0b1730' }, itemStyle: { areaColor: SCREEN.gold } },
        data,
      },
    ],
  };
}

/** The name of the region's own outline inside the registered map (drawn first, under the children). */
export const OUTLINE = '__outline__';

/** The GeoJSON ECharts registers: the outline first, then the children (named by region name). */
export function mapGeoJson(map: RegionMap) {
  const features: unknown[] = [];
  if (map.outline) features.push({ type: 'Feature', properties: { name: OUTLINE }, geometry: map.outline });
  for (const f of map.features) features.push({ type: 'Feature', properties: { name: f.properties.name }, geometry: f.geometry });
  return { type: 'FeatureCollection', features };
}

function latitudeOf(map: RegionMap): number {
  const first = JSON.stringify(map.features[0]?.geometry.coordinates ?? map.outline?.coordinates ?? []).match(/-?\d+(\.\d+)?,(-?\d+(\.\d+)?)/);
  return first ? Number(first[2]) : 30;
}

/** More bars than a panel can label: the regions with the most reports missing come first. */
export const MAX_REGION_BARS = 20;
export function regionsForBars(children: readonly RegionFigures[]): readonly RegionFigures[] {
  if (children.length <= MAX_REGION_BARS) return children;
  return [...children].sort((a, b) => b.reports.missing - a.reports.missing || a.reports.filed - b.reports.filed).slice(0, MAX_REGION_BARS);
}

export function reportsByRegionOption(all: readonly RegionFigures[], t: TFunction): EChartsOption {
  const children = regionsForBars(all);
  const names = children.map((c) => c.name);
  const bar = (key: 'onTime' | 'late' | 'missing', color: string) => ({
    name: t(`dashboard.kpi.${key}`),
    type: 'bar',
    stack: 'reports',
    barMaxWidth: 14,
    itemStyle: { color },
    data: children.map((c) => c.reports[key]),
  });
  return {
    tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, right: 0, itemWidth: 10, itemHeight: 10, textStyle: { color: SCREEN.muted, fontSize: 11 } },
    grid: { left: 4, right: 12, top: 24, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisStyle },
    yAxis: { type: 'category', data: names, inverse: true, ...axisStyle, axisLabel: { ...axisStyle.axisLabel, width: 72, overflow: 'truncate' } },
    series: [bar('onTime', SCREEN.ok), bar('late', SCREEN.warn), bar('missing', SCREEN.bad)],
  };
}

/** Children by a map metric: what stands in for the map when no boundaries exist. */
export function metricBarsOption(children: readonly RegionFigures[], metric: MapMetric, t: TFunction): EChartsOption {
  return {
    tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatMetric(typeof v === 'number' ? v : null, metric) },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: children.map((c) => c.name), ...axisStyle, axisLabel: { ...axisStyle.axisLabel, interval: 0, rotate: children.length > 8 ? 35 : 0 } },
    yAxis: { type: 'value', name: t(`dashboard.metrics.${metric}`), nameTextStyle: { color: SCREEN.muted }, ...axisStyle, ...(isPercent(metric) ? { max: 100 } : {}) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        data: children.map((c) => metricValue(c, metric)),
        itemStyle: { color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: SCREEN.cyan }, { offset: 1, color: 'rgba(53,208,255,0.15)' }] } },
        label: { show: children.length <= 16, position: 'top', color: SCREEN.text, fontSize: 11, formatter: (p: { value: number | null }) => formatMetric(p.value, metric) },
      },
    ],
  };
}

export function peopleOption(f: RegionFigures, t: TFunction): EChartsOption {
  return {
    tooltip: { ...tooltipStyle, trigger: 'item', formatter: '{b}：{c} ({d}%)' },
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemWidth: 10,
      itemHeight: 10,
      textStyle: { color: SCREEN.text, fontSize: 12 },
      formatter: (name: string) => {
        const key = CATEGORY_KEYS.find((c) => t(`persons.categories.${c}`) === name);
        return `${name}  ${(key ? (f.persons.byCategory[key] ?? 0) : 0).toLocaleString()}`;
      },
    },
    color: [...SCREEN.categories],
    title: { text: f.persons.total.toLocaleString(), subtext: t('dashboard.kpi.persons'), left: '30%', top: '40%', textAlign: 'center', textStyle: { color: SCREEN.gold, fontSize: 22, fontWeight: 'bold' }, subtextStyle: { color: SCREEN.muted, fontSize: 11 } },
    series: [
      {
        type: 'pie',
        radius: ['48%', '72%'],
        center: ['30%', '52%'],
        label: { show: false },
        itemStyle: { borderColor: '#061a3a', borderWidth: 2 },
        data: CATEGORY_KEYS.map((c) => ({ name: t(`persons.categories.${c}`), value: f.persons.byCategory[c] ?? 0 })),
      },
    ],
  };
}

export function tipsOption(f: RegionFigures, t: TFunction): EChartsOption {
  return {
    tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 4, right: 8, top: 12, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: TIP_STATUSES.map((s) => t(`dashboard.tipStatus.${s}`)), ...axisStyle, axisLabel: { ...axisStyle.axisLabel, interval: 0 } },
    yAxis: { type: 'value', minInterval: 1, ...axisStyle },
    series: [{ type: 'bar', barMaxWidth: 16, itemStyle: { color: SCREEN.gold }, data: TIP_STATUSES.map((s) => f.tips.byStatus[s] ?? 0) }],
  };
}

export function trendOption(trend: StatsTrend, t: TFunction): EChartsOption {
  const days = trend.days;
  return {
    tooltip: { ...tooltipStyle, trigger: 'axis' },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: SCREEN.muted, fontSize: 11 } },
    grid: { left: 4, right: 4, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)), boundaryGap: true, ...axisStyle },
    yAxis: [
      { type: 'value', max: 100, ...axisStyle },
      { type: 'value', minInterval: 1, ...axisStyle, splitLine: { show: false } },
    ],
    series: [
      {
        name: t('dashboard.trendRemoved'),
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: 10,
        itemStyle: { color: 'rgba(255, 180, 67, 0.75)' },
        data: days.map((d) => d.checkpointsRemoved),
      },
      {
        name: t('dashboard.trendRate'),
        type: 'line',
        smooth: true,
        symbolSize: 5,
        lineStyle: { color: SCREEN.cyan, width: 2 },
        itemStyle: { color: SCREEN.cyan },
        areaStyle: { color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: 'rgba(53,208,255,0.35)' }, { offset: 1, color: 'rgba(53,208,255,0)' }] } },
        data: days.map((d) => pct(d.filed, d.grids) ?? 0),
      },
    ],
  };
}
