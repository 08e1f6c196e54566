// The inbox's head: open, overdue, awaiting acceptance, the rewards awaiting approval and paid,
// and a chart of the region's tips by step of the loop and by category.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TIP_CATEGORIES, TIP_STATUSES, type TipSummary } from '../../../shared/tips.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { getTipSummary, tipKeys } from './tips.api.ts';
import { formatYuan } from './TipTags.tsx';

// A fixed label column: CJK labels measured with a fallback font get clipped otherwise.
const LABEL_WIDTH = 104;
const STATUS_BAR = '#1677ff';
const CATEGORY_BAR = '#fa8c16';

function TipChart({ s }: { s: TipSummary }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => {
    const statuses = [...TIP_STATUSES].reverse();
    const categories = [...TIP_CATEGORIES].reverse();
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      grid: [
        { left: LABEL_WIDTH + 12, right: 16, top: 8, height: 126 },
        { left: LABEL_WIDTH + 12, right: 16, top: 160, height: 108 },
      ],
      xAxis: [
        { type: 'value', minInterval: 1, gridIndex: 0 },
        { type: 'value', minInterval: 1, gridIndex: 1 },
      ],
      yAxis: [
        { type: 'category', gridIndex: 0, axisLabel: { margin: 12 }, data: statuses.map((k) => t(`tips.statuses.${k}`)) },
        { type: 'category', gridIndex: 1, axisLabel: { margin: 12 }, data: categories.map((c) => t(`tips.categories.${c}`)) },
      ],
      series: [
        { name: t('tips.byStatus'), type: 'bar', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 14, data: statuses.map((k) => s.byStatus[k] ?? 0), itemStyle: { color: STATUS_BAR } },
        { name: t('tips.byCategory'), type: 'bar', xAxisIndex: 1, yAxisIndex: 1, barMaxWidth: 14, data: categories.map((c) => s.byCategory[c] ?? 0), itemStyle: { color: CATEGORY_BAR } },
      ],
    };
  }, [s, t]);
  return <EChart option={option} height={290} testId="tip-chart" />;
}

export function TipSummaryCard({ regionId, mobile }: { regionId: number | undefined; mobile: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const summary = useQuery({ queryKey: tipKeys.summary(regionId), queryFn: () => getTipSummary(regionId) });
  if (summary.isError) return <Alert type="error" showIcon title={errorText(summary.error)} style={{ marginBottom: 16 }} />;
  if (!summary.data) return <Card style={{ marginBottom: 16 }}><Skeleton active paragraph={{ rows: 3 }} /></Card>;
  const s = summary.data;
  const reward = (k: 'proposed' | 'approved' | 'paid') => s.rewards[k] ?? { count: 0, amount: 0 };
  const tiles = [
    { key: 'total', title: t('tips.tiles.total'), value: s.total },
    { key: 'open', title: t('tips.tiles.open'), value: s.open, color: '#d46b08' },
    { key: 'overdue', title: t('tips.tiles.overdue'), value: s.overdue, color: s.overdue > 0 ? '#cf1322' : undefined },
    { key: 'received', title: t('tips.tiles.received'), value: s.byStatus.received ?? 0 },
    { key: 'proposed', title: t('tips.tiles.rewardsProposed'), value: reward('proposed').count },
    { key: 'paid', title: t('tips.tiles.rewardsPaid'), value: formatYuan(reward('paid').amount), color: '#389e0d' },
  ];
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { padding: mobile ? 12 : 24 } }}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Row gutter={[12, 12]} data-testid="tip-summary">
            {tiles.map((tile) => (
              <Col span={8} key={tile.key}>
                <Statistic
                  title={tile.title}
                  value={tile.value}
                  styles={{ content: { color: tile.color, fontSize: mobile ? 18 : 24 } }}
                  data-testid={`tip-tile-${tile.key}`}
                />
              </Col>
            ))}
          </Row>
          <div className="gg-muted" style={{ fontSize: 12, marginTop: 12 }}>
            {t('tips.rewardLine', { approved: formatYuan(reward('approved').amount), proposed: formatYuan(reward('proposed').amount) })}
          </div>
        </Col>
        <Col xs={24} lg={14}>
          <div className="gg-muted" style={{ marginBottom: 4 }}>{t('tips.byStatusCategory')}</div>
          <TipChart s={s} />
        </Col>
      </Row>
    </Card>
  );
}
