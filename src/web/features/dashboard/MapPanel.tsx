// The centre of the screen: the child regions on a choropleth coloured by the chosen metric.
// Click a region to drill down. Without boundaries at this level, bars stand in for the map,
// with a note (and, for those who may, the upload dialog).
import { Segmented } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegionFigures, RegionMap } from '../../../shared/stats.ts';
import { BoundaryUpload } from './BoundaryUpload.tsx';
import { EChart, echarts } from '../../lib/EChart.tsx';
import { MAP_METRICS, type MapMetric, mapGeoJson, mapOption, metricBarsOption } from './charts.ts';
import { riskMapOption } from './risk-map.ts';
import { useFit } from '../../lib/useFit.ts';

interface Props {
  map: RegionMap | undefined;
  regions: readonly RegionFigures[];
  metric: MapMetric;
  onMetric: (metric: MapMetric) => void;
  onDrill: (regionId: number) => void;
  canUpload: boolean;
  compact: boolean;
  levelLabel: string;
  /** The wall screen's scale (1 at 1920×1080). */
  scale?: number;
}

/**
 * The map's metric buttons: full names where the panel's title bar has room, short ones where it
 * has not (a 1366-px screen, English), so no button is ever cut off.
 */
export function MetricSwitch({ metric, onMetric, compact }: Pick<Props, 'metric' | 'onMetric' | 'compact'>) {
  const { t, i18n } = useTranslation();
  const [ref, fits] = useFit<HTMLDivElement>([i18n.language]);
  const short = compact || !fits;
  return (
    <div ref={ref} className="ggd-metrics-fit">
      <Segmented
        size="small"
        value={metric}
        onChange={(v) => onMetric(v as MapMetric)}
        options={MAP_METRICS.map((m) => ({ value: m, label: t(short ? `dashboard.metricsShort.${m}` : `dashboard.metrics.${m}`), title: t(`dashboard.metrics.${m}`) }))}
        className="ggd-metrics"
        block={compact}
        data-testid="map-metric"
      />
    </div>
  );
}

export function MapView({ map, regions: children, metric, onDrill, canUpload, compact, levelLabel, scale = 1 }: Omit<Props, 'onMetric'>) {
  const { t } = useTranslation();
  const mapName = map ? `gg-region-${map.regionId}` : '';
  // Registered once per region and boundary version (the object changes only when refetched).
  const registered = useMemo(() => {
    if (!map || map.features.length === 0) return false;
    echarts.registerMap(mapName, mapGeoJson(map) as Parameters<typeof echarts.registerMap>[1]);
    return true;
  }, [map, mapName]);

  const option = useMemo(() => {
    if (registered && map) return metric === 'risk' ? riskMapOption(mapName, map, children, t, compact, scale) : mapOption(mapName, map, children, metric, t, compact, scale);
    return metricBarsOption(children, metric, t, scale);
  }, [registered, map, mapName, children, metric, t, compact, scale]);

  const drillable = (regionId: number) => {
    const child = children.find((c) => c.regionId === regionId);
    return child && child.level !== 'grid' && child.level !== 'microgrid' ? child : null;
  };
  const onClick = (params: { name?: string; data?: unknown }) => {
    const data = params.data as { regionId?: number } | undefined;
    const id = data?.regionId ?? children.find((c) => c.name === params.name)?.regionId;
    if (id !== undefined && drillable(id)) onDrill(id);
  };

  return (
    <div className="ggd-map-wrap">
      {!registered && map ? (
        <div className="ggd-map-note" data-testid="no-boundaries">
          <span>{t('dashboard.noMap', { level: levelLabel })}</span>
          {canUpload ? (
            <>
              <span className="ggd-muted-line">{t('dashboard.noMapAdmin')}</span>
              <BoundaryUpload regionId={map.regionId} regionName={map.name} />
            </>
          ) : null}
        </div>
      ) : null}
      {/* Below the note, never under it: the note takes its own line above the bars. */}
      <div className="ggd-map-chart">
        <EChart key={registered ? `map-${mapName}` : 'bars'} option={option} onClick={onClick} testId={registered ? 'region-map' : 'region-bars'} />
      </div>
      {registered && !compact ? <div className="ggd-map-hint">{t('dashboard.drillHint')}</div> : null}
    </div>
  );
}
