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

interface Props {
  map: RegionMap | undefined;
  regions: readonly RegionFigures[];
  metric: MapMetric;
  onMetric: (metric: MapMetric) => void;
  onDrill: (regionId: number) => void;
  canUpload: boolean;
  compact: boolean;
  levelLabel: string;
}

export function MetricSwitch({ metric, onMetric, compact }: Pick<Props, 'metric' | 'onMetric' | 'compact'>) {
  const { t } = useTranslation();
  return (
    <Segmented
      size="small"
      value={metric}
      onChange={(v) => onMetric(v as MapMetric)}
      options={MAP_METRICS.map((m) => ({ value: m, label: t(compact ? `dashboard.metricsShort.${m}` : `dashboard.metrics.${m}`) }))}
      className="ggd-metrics"
      block={compact}
      data-testid="map-metric"
    />
  );
}

export function MapView({ map, regions: children, metric, onDrill, canUpload, compact, levelLabel }: Omit<Props, 'onMetric'>) {
  const { t } = useTranslation();
  const mapName = map ? `gg-region-${map.regionId}` : '';
  // Registered once per region and boundary version (the object changes only when refetched).
  const registered = useMemo(() => {
    if (!map || map.features.length === 0) return false;
    echarts.registerMap(mapName, mapGeoJson(map) as Parameters<typeof echarts.registerMap>[1]);
    return true;
  }, [map, mapName]);

  const option = useMemo(() => {
    if (registered && map) return metric === 'risk' ? riskMapOption(mapName, map, children, t, compact) : mapOption(mapName, map, children, metric, t, compact);
    return metricBarsOption(children, metric, t);
  }, [registered, map, mapName, children, metric, t, compact]);

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
      <EChart key={registered ? `map-${mapName}` : 'bars'} option={option} onClick={onClick} testId={registered ? 'region-map' : 'region-bars'} />
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
      {registered && !compact ? <div className="ggd-map-hint">{t('dashboard.drillHint')}</div> : null}
    </div>
  );
}
