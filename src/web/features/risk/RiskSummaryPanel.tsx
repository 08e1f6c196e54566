// The region's colour counts as tiles and, per child region, a stacked bar of green, yellow
// and red people — all from the server's counters.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Statistic, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_COLOURS, type RiskSummary } from '../../../shared/risk.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { getRiskSummary, riskKeys } from './risk.api.ts';
import { RISK_HEX, RISK_TAG_COLOURS } from './RiskTag.tsx';

function ChildChart({ summary, mobile }: { summary: RiskSummary; mobile: boolean }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    const children = [...summary.children].reverse();
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, data: RISK_COLOURS.map((c) => t(`risk.colours.${c}`)) },
      grid: { left: mobile ? 88 : 120, right: 16, top: 28, bottom: 8 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: children.map((c) => c.name), axisLabel: { width: mobile ? 80 : 110, overflow: 'truncate' } },
      series: RISK_COLOURS.map((colour) => ({
        name: t(`risk.colours.${colour}`),
        type: 'bar',
        stack: 'people',
        barMaxWidth: 16,
        itemStyle: { color: RISK_HEX[colour] },
        data: children.map((c) => c[colour]),
      })),
    };
  }, [summary, t, mobile]);
  const height = Math.max(160, 40 + summary.children.length * 26);
  return <EChart option={option} height={height} testId="risk-chart" />;
}

export function RiskSummaryPanel({ regionId, mobile }: { regionId: number; mobile: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const summary = useQuery({ queryKey: riskKeys.summary(regionId), queryFn: () => getRiskSummary(regionId) });
  if (summary.isError) return <Alert type="error" showIcon title={errorText(summary.error)} style={{ marginBottom: 16 }} />;
  if (!summary.data) return <Card style={{ marginBottom: 16 }}><Skeleton active paragraph={{ rows: 3 }} /></Card>;
  const s = summary.data;
  return (
    <Card
      style={{ marginBottom: 16 }}
      styles={{ body: { padding: mobile ? 12 : 24 } }}
      title={t('risk.summary')}
      extra={<Tag color={RISK_TAG_COLOURS[s.colour]} data-testid="risk-region-colour">{t('risk.regionColour', { colour: t(`risk.colours.${s.colour}`) })}</Tag>}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={8}>
          <Row gutter={[12, 12]} data-testid="risk-summary">
            <Col span={12}><Statistic title={t('risk.persons')} value={s.persons} /></Col>
            {RISK_COLOURS.map((c) => (
              <Col span={12} key={c}>
                <Statistic title={t(`risk.colours.${c}`)} value={s[c]} styles={{ content: { color: RISK_HEX[c] } }} data-testid={`risk-tile-${c}`} />
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} lg={16}>
          <div className="gg-muted" style={{ marginBottom: 4 }}>{t('risk.byChild')}</div>
          {s.children.length > 0 ? <ChildChart summary={s} mobile={mobile} /> : null}
        </Col>
      </Row>
    </Card>
  );
}
