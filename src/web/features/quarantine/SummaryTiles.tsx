// The figures on top of the order list: in quarantine (the counter), ending today, ending
// tomorrow, overdue (active orders ending by tomorrow, counted from one list read) and open
// alerts; and a bar per child region of how many are in quarantine there.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatsBreakdown } from '../../../shared/stats.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';
import { useCountyDays } from './useCountyDays.ts';
import { getBreakdown, getFigures, listAlerts, listOrders, quarantineKeys } from './quarantine.api.ts';

const COUNT_PAGE = 500;
/** "500+" when a page did not hold them all. */
const countOf = (n: number, more: boolean) => (more ? `${n}+` : n);

/** Bars the chart draws at most: a county's towns and a town's villages fit; past it the title says how many are left out. */
const CHART_MAX = 30;

function ByRegionChart({ regions }: { regions: StatsBreakdown['children'] }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    // Most first: a county's towns, a town's villages or a village's grids; horizontal for long names on a phone.
    const rows = [...regions].sort((a, b) => b.quarantines.active - a.quarantines.active).slice(0, CHART_MAX).reverse();
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 96, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { width: 84, overflow: 'truncate' } },
      series: [{ name: t('quarantine.tiles.active'), type: 'bar', barMaxWidth: 14, itemStyle: { color: '#d46b08' }, label: { show: true, position: 'right' }, data: rows.map((r) => r.quarantines.active) }],
    };
  }, [regions, t]);
  const height = Math.max(120, Math.min(CHART_MAX, regions.length) * 26 + 40);
  return <EChart option={option} height={height} testId="quarantine-region-chart" />;
}

export function SummaryTiles({ regionId, mobile }: { regionId: number | undefined; mobile: boolean }) {
  const { t } = useTranslation();
  const { today, tomorrow } = useCountyDays();
  const figures = useQuery({ queryKey: quarantineKeys.figures(regionId), queryFn: () => getFigures(regionId) });
  const due = useQuery({ queryKey: quarantineKeys.due(regionId, tomorrow), queryFn: () => listOrders({ regionId, status: 'active', endingBy: tomorrow, limit: COUNT_PAGE }) });
  const breakdown = useQuery({ queryKey: quarantineKeys.breakdown(regionId), queryFn: () => getBreakdown(regionId) });
  // A grid has no child regions worth a chart: the tiles take the whole width.
  const children = breakdown.data?.children ?? [];
  const chart = children.length > 0;
  // The first page's total counts them (bounded), so one row is enough.
  const alerts = useQuery({ queryKey: quarantineKeys.openAlertCount(regionId), queryFn: () => listAlerts({ regionId, open: 'true', limit: 1 }) });
  const openAlerts = alerts.data?.total;
  const dueRows = due.data?.items ?? [];
  const more = Boolean(due.data?.nextCursor);
  const tiles = [
    { key: 'active', value: figures.data?.quarantines.active, color: '#d46b08' },
    { key: 'endingToday', value: due.data ? countOf(dueRows.filter((o) => o.endOn === today).length, more) : undefined },
    { key: 'endingTomorrow', value: due.data ? countOf(dueRows.filter((o) => o.endOn === tomorrow).length, more) : undefined },
    { key: 'overdue', value: due.data ? countOf(dueRows.filter((o) => o.endOn < today).length, more) : undefined, color: '#cf1322' },
    { key: 'openAlerts', value: openAlerts ? countOf(openAlerts.count, openAlerts.capped) : undefined, color: '#cf1322', to: '/quarantine/alerts' },
  ];
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { padding: mobile ? 12 : 24 } }}>
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={chart ? 10 : 24}>
          <Row gutter={[12, 12]} data-testid="quarantine-summary">
            {tiles.map((tile) => {
              const stat = <Statistic title={t(`quarantine.tiles.${tile.key}`)} value={tile.value ?? '—'} loading={tile.value === undefined && !(figures.isError || due.isError || alerts.isError)} styles={tile.color ? { content: { color: tile.color } } : undefined} />;
              return (
                <Col xs={8} sm={8} md={chart ? 8 : 4} key={tile.key} data-testid={`quarantine-tile-${tile.key}`}>
                  {tile.to ? <Link to={tile.to}>{stat}</Link> : stat}
                </Col>
              );
            })}
          </Row>
        </Col>
        {chart ? (
          <Col xs={24} xl={14}>
            <div className="gg-muted" style={{ marginBottom: 4 }} data-testid="quarantine-region-chart-title">
              {t('quarantine.byRegion')}
              {children.length > CHART_MAX ? t('quarantine.byRegionTop', { shown: CHART_MAX, total: children.length }) : null}
            </div>
            <ByRegionChart regions={children} />
          </Col>
        ) : null}
      </Row>
    </Card>
  );
}
