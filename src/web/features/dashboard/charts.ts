// ECharts options for the dashboard's charts, built from the API's figures.
import type { TFunction } from 'i18next';
import type { RegionFigures, RegionMap, StatsTrend } from '../../../shared/stats.ts';
import { CATEGORY_KEYS, TIP_STATUSES } from '../../../shared/stats.ts';
import type { EChartsOption } from '../../lib/EChart.tsx';
import { SCREEN, axisStyle, tooltipStyle } from './palette.ts';

export const MAP_METRICS = ['reportRate', 'removedRate', 'persons', 'keyPersons', 'risk'] as const;
export type MapMetric = (typeof MAP_METRICS)[number];

/** A font size on a screen drawn at `s` times 1920×1080, never below what can be read. */
export const fontAt = (base: number, s: number, floor = 11) => Math.max(floor, Math.round(base * s));
/** The shared axis style with its labels sized for the screen. */
const axisAt = (s: number) => ({ ...axisStyle, axisLabel: { ...axisStyle.axisLabel, fontSize: fontAt(11, s) } });

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

export function mapOption(mapName: string, map: RegionMap, children: readonly RegionFigures[], metric: MapMetric, t: TFunction, compact: boolean, s = 1): EChartsOption {
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
      ...(compact ? { orient: 'horizontal', left: 'center', bottom: 6, itemWidth: 10, itemHeight: 120 } : { left: Math.round(16 * s), bottom: Math.round(16 * s), itemWidth: Math.round(20 * s), itemHeight: Math.round(140 * s) }),
      calculable: false,
      text: [isPercent(metric) ? '100%' : max.toLocaleString('en-US'), '0'],
      textStyle: { color: SCREEN.muted, fontSize: fontAt(12, s) },
      inRange: { color: isPercent(metric) ? [...SCREEN.rateRange] : [...SCREEN.mapRange] },
      outOfRange: { color: '#16243a' },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        roam: !compact,
        aspectScale: Math.cos((centreLat * Math.PI) / 180),
        // On the wall the map keeps to the right of its colour legend (MAP_LEGEND_SPACE), never under it.
        ...(compact ? { layoutCenter: ['50%', '46%'], layoutSize: '88%' } : mapBox(s)),
        selectedMode: false,
        label: { show: !compact || map.features.length <= 12, color: '#eaf6ff', fontSize: compact ? 9 : fontAt(12, s), textShadowColor: '#000', textShadowBlur: 4 },
        itemStyle: { areaColor: '#16243a', borderColor: 'rgba(120, 220, 255, 0.85)', borderWidth: 1 },
        emphasis: { label: { color: '#0b1730' }, itemStyle: { areaColor: SCREEN.gold } },
        data,
      },
    ],
  };
}

/** Room on the left of the wall map for the colour legend (its bar and its numbers), in 1920-px pixels. */
const MAP_LEGEND_SPACE = 120;
export const mapBox = (s: number) => ({ left: Math.round(MAP_LEGEND_SPACE * s), right: Math.round(24 * s), top: Math.round(24 * s), bottom: Math.round(36 * s) });

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
/**
 * How many bars the by-region panel labels, every one, on a screen `height` pixels high drawn at
 * scale `s`: the panel is 1.25 of the right column's 4.05 shares (below the 70-px header), less
 * its title, legend and axis (about 90 px), with a row of at least 20 px per bar. height / 50
 * gave 15 bars at 1366×768 and 18 at 1440×900, whose names ran into each other.
 */
export function regionBarsFor(height: number, s = 1): number {
  const k = Math.max(1, s);
  const plot = (height - 70 * k) * (1.25 / 4.05) - 90 * k;
  return Math.max(5, Math.min(MAX_REGION_BARS, Math.floor(plot / (20 * k))));
}
export function regionsForBars(children: readonly RegionFigures[], max = MAX_REGION_BARS): readonly RegionFigures[] {
  if (children.length <= max) return children;
  return [...children].sort((a, b) => b.reports.missing - a.reports.missing || a.reports.filed - b.reports.filed).slice(0, max);
}

export function reportsByRegionOption(all: readonly RegionFigures[], t: TFunction, s = 1, max = MAX_REGION_BARS): EChartsOption {
  const children = regionsForBars(all, max);
  const names = children.map((c) => c.name);
  const bar = (key: 'onTime' | 'late' | 'missing', color: string) => ({
    name: t(`dashboard.kpi.${key}`),
    type: 'bar',
    stack: 'reports',
    barMaxWidth: Math.round(14 * s),
    itemStyle: { color },
    data: children.map((c) => c.reports[key]),
  });
  return {
    tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, right: 0, itemWidth: Math.round(10 * s), itemHeight: Math.round(10 * s), textStyle: { color: SCREEN.muted, fontSize: fontAt(11, s) } },
    grid: { left: 4, right: Math.round(12 * s), top: Math.round(24 * s), bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...axisAt(s) },
    // Every region named (interval 0): the panel shows no more bars than it can label (regionBarsFor).
    yAxis: { type: 'category', data: names, inverse: true, ...axisAt(s), axisLabel: { ...axisAt(s).axisLabel, interval: 0, width: Math.round(80 * s), overflow: 'truncate' } },
    series: [bar('onTime', SCREEN.ok), bar('late', SCREEN.warn), bar('missing', SCREEN.bad)],
  };
}

/** Children by a map metric: what stands in for the map when no boundaries exist. */
export function metricBarsOption(children: readonly RegionFigures[], metric: MapMetric, t: TFunction, s = 1): EChartsOption {
  return {
    tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatMetric(typeof v === 'number' ? v : null, metric) },
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: children.map((c) => c.name), ...axisAt(s), axisLabel: { ...axisAt(s).axisLabel, interval: 0, rotate: children.length > 8 ? 35 : 0 } },
    yAxis: { type: 'value', name: t(`dashboard.metrics.${metric}`), nameTextStyle: { color: SCREEN.muted, fontSize: fontAt(12, s) }, ...axisAt(s), ...(isPercent(metric) ? { max: 100 } : {}) },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        data: children.map((c) => metricValue(c, metric)),
        itemStyle: { color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: SCREEN.cyan }, { offset: 1, color: 'rgba(53,208,255,0.15)' }] } },
        label: { show: children.length <= 16, position: 'top', color: SCREEN.text, fontSize: fontAt(11, s), formatter: (p: { value: number | null }) => formatMetric(p.value, metric) },
      },
    ],
  };
}

export function peopleOption(f: RegionFigures, t: TFunction, s = 1): EChartsOption {
  return {
    tooltip: { ...tooltipStyle, trigger: 'item', formatter: '{b}：{c} ({d}%)' },
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemWidth: Math.round(10 * s),
      itemHeight: Math.round(10 * s),
      itemGap: Math.round(10 * s),
      textStyle: { color: SCREEN.text, fontSize: fontAt(12, s) },
      formatter: (name: string) => {
        const key = CATEGORY_KEYS.find((c) => t(`persons.categories.${c}`) === name);
        return `${name}  ${(key ? (f.persons.byCategory[key] ?? 0) : 0).toLocaleString()}`;
      },
    },
    color: [...SCREEN.categories],
    title: { text: f.persons.total.toLocaleString(), subtext: t('dashboard.kpi.persons'), left: '30%', top: '40%', textAlign: 'center', textStyle: { color: SCREEN.gold, fontSize: fontAt(20, s, 14), fontWeight: 'bold' }, subtextStyle: { color: SCREEN.muted, fontSize: fontAt(11, s) } },
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

export function tipsOption(f: RegionFigures, t: TFunction, s = 1): EChartsOption {
  const labels = TIP_STATUSES.map((status) => t(`dashboard.tipStatus.${status}`));
  // Seven steps side by side: two-character Chinese names fit, longer (English) ones lean.
  const lean = labels.some((l) => l.length > 3);
  return {
    tooltip: { ...tooltipStyle, trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 4, right: 8, top: 12, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: labels, ...axisAt(s), axisLabel: { ...axisAt(s).axisLabel, interval: 0, rotate: lean ? 35 : 0 } },
    yAxis: { type: 'value', minInterval: 1, ...axisAt(s) },
    series: [{ type: 'bar', barMaxWidth: Math.round(16 * s), itemStyle: { color: SCREEN.gold }, data: TIP_STATUSES.map((status) => f.tips.byStatus[status] ?? 0) }],
  };
}

/**
 * The trend over days. Today (`today`, the county's date) is not over: its rate is drawn as a
 * dashed, hollow continuation, never as a finished day that plunged, and its axis label says
 * 今日 / 进行中 on two lines under the axis (a label beside the point ran into the line, the
 * previous point and the right-hand axis at 1366 and at 1920).
 */
export function trendOption(trend: StatsTrend, t: TFunction, today?: string, s = 1): EChartsOption {
  const days = trend.days;
  const last = days.length - 1;
  const hasToday = last >= 0 && days[last]?.date === today;
  const rate = days.map((d) => pct(d.filed, d.grids) ?? 0);
  const inProgress = t('dashboard.trendInProgress');
  return {
    tooltip: {
      ...tooltipStyle,
      trigger: 'axis',
      formatter: (items: { axisValue: string; dataIndex: number; seriesName: string; value: number | null; marker: string }[]) => {
        const first = items[0];
        if (!first) return '';
        const isToday = hasToday && first.dataIndex === last;
        const rows = items.filter((i) => i.value !== null && i.value !== undefined && !(isToday && i.seriesName === t('dashboard.trendRate')));
        const unique = rows.filter((r, i) => rows.findIndex((o) => o.seriesName === r.seriesName) === i);
        return [`<b>${isToday ? `${days[last]?.date.slice(5)} ${inProgress}` : first.axisValue}</b>`, ...unique.map((r) => `${r.marker}${r.seriesName}：${r.value}`)].join('<br/>');
      },
    },
    // The finished days' two series in the legend; today's dashed point is named on the chart itself.
    legend: { top: 0, right: 0, data: [t('dashboard.trendRemoved'), t('dashboard.trendRate')], itemWidth: Math.round(12 * s), itemHeight: Math.round(8 * s), textStyle: { color: SCREEN.muted, fontSize: fontAt(11, s) } },
    grid: { left: 4, right: 4, top: Math.round(28 * s) + 4, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: days.map((d, i) => (hasToday && i === last ? `${t('dashboard.trendToday')}\n${t('dashboard.trendSoFar')}` : d.date.slice(5))),
      boundaryGap: true,
      ...axisAt(s),
      // Every third day counted back from the last, so today's label is always drawn.
      axisLabel: { ...axisAt(s).axisLabel, interval: (i: number) => (last - i) % 3 === 0, color: (_: unknown, i: number) => (hasToday && i === last ? SCREEN.gold : SCREEN.muted) },
    },
    yAxis: [
      { type: 'value', max: 100, ...axisAt(s) },
      { type: 'value', minInterval: 1, ...axisAt(s), splitLine: { show: false } },
    ],
    series: [
      {
        name: t('dashboard.trendRemoved'),
        type: 'bar',
        yAxisIndex: 1,
        barMaxWidth: Math.round(10 * s),
        itemStyle: { color: 'rgba(255, 180, 67, 0.75)' },
        data: days.map((d, i) => (hasToday && i === last ? { value: d.checkpointsRemoved, itemStyle: { color: 'rgba(255, 180, 67, 0.35)' } } : d.checkpointsRemoved)),
      },
      {
        name: t('dashboard.trendRate'),
        type: 'line',
        smooth: true,
        symbolSize: Math.round(5 * s),
        lineStyle: { color: SCREEN.cyan, width: Math.max(2, Math.round(2 * s)) },
        itemStyle: { color: SCREEN.cyan },
        areaStyle: { color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: 'rgba(53,208,255,0.35)' }, { offset: 1, color: 'rgba(53,208,255,0)' }] } },
        // Finished days only: today follows as its own dashed series.
        data: rate.map((v, i) => (hasToday && i === last ? null : v)),
      },
      ...(hasToday
        ? [
            {
              name: t('dashboard.trendTodayRate'),
              type: 'line',
              symbol: 'emptyCircle',
              symbolSize: Math.round(8 * s),
              lineStyle: { color: SCREEN.gold, width: Math.max(2, Math.round(2 * s)), type: 'dashed' },
              itemStyle: { color: SCREEN.gold },
              data: rate.map((v, i) => (i >= last - 1 ? v : null)),
            },
          ]
        : []),
    ],
  };
}
