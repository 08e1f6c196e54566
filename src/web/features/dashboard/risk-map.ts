// The 'risk' map metric: each child region filled with its colour (red if any of its people is
// red, yellow if any is yellow, else green); the tooltip gives the red and yellow counts.
import type { TFunction } from 'i18next';
import type { RegionFigures, RegionMap } from '../../../shared/stats.ts';
import type { EChartsOption } from '../../lib/EChart.tsx';
import { OUTLINE, fontAt, mapOption } from './charts.ts';
import { RISK_SCREEN, tooltipStyle } from './palette.ts';

const LEVEL = { green: 0, yellow: 1, red: 2 } as const;

export function riskMapOption(mapName: string, map: RegionMap, children: readonly RegionFigures[], t: TFunction, compact: boolean, s = 1): EChartsOption {
  // The shared map option gives the geometry, outline and labels; colours and tooltip are ours.
  const base = mapOption(mapName, map, children, 'risk', t, compact, s) as { series: { data: Record<string, unknown>[] }[] } & EChartsOption;
  const byId = new Map(children.map((c) => [c.regionId, c]));
  const series = base.series.map((s) => ({
    ...s,
    data: s.data.map((d) => {
      if (d.name === OUTLINE) return d;
      const f = byId.get(d.regionId as number);
      return { ...d, value: f ? LEVEL[f.risk.colour] : null };
    }),
  }));
  return {
    ...base,
    series,
    tooltip: {
      ...tooltipStyle,
      formatter: (p: { name: string; data?: { figures?: RegionFigures } }) => {
        if (p.name === OUTLINE) return '';
        const f = p.data?.figures;
        if (!f) return p.name;
        return [
          `<b>${p.name}</b>　${t(`risk.colours.${f.risk.colour}`)}`,
          `${t('risk.colours.red')}：${f.risk.red.toLocaleString()}　${t('risk.colours.yellow')}：${f.risk.yellow.toLocaleString()}`,
          `${t('dashboard.kpi.persons')}：${f.persons.total.toLocaleString()}`,
        ].join('<br/>');
      },
    },
    visualMap: {
      type: 'piecewise',
      pieces: (['green', 'yellow', 'red'] as const).map((c) => ({ value: LEVEL[c], label: t(`risk.colours.${c}`), color: RISK_SCREEN[c] })),
      ...(compact ? { orient: 'horizontal', left: 'center', bottom: 6 } : { left: Math.round(16 * s), bottom: Math.round(16 * s), itemWidth: Math.round(20 * s), itemHeight: Math.round(14 * s) }),
      textStyle: { color: '#7fa6c9', fontSize: fontAt(12, s) },
      outOfRange: { color: '#16243a' },
    },
  };
}
