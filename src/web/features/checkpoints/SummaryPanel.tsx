// 已撤除 N / M for the user's region, with a bar per child region (town, village…).
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Progress, Row, Skeleton, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/errors.ts';
import { checkpointKeys, getSummary } from './checkpoints.api.ts';
import { RemovalChart } from './RemovalChart.tsx';

export function SummaryPanel({ mobile }: { mobile: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const summary = useQuery({ queryKey: checkpointKeys.summary, queryFn: getSummary });
  const bars = useMemo(
    () => (summary.data?.children ?? []).filter((c) => c.total > 0).map((c) => ({ name: c.name, removed: c.removed, open: c.total - c.removed })),
    [summary.data],
  );
  if (summary.isError) return <Alert type="error" showIcon title={errorText(summary.error)} style={{ marginBottom: 16 }} />;
  if (!summary.data) return <Card style={{ marginBottom: 16 }}><Skeleton active paragraph={{ rows: 3 }} /></Card>;
  const { total, removed, open } = summary.data;
  const percent = total ? Math.round((removed / total) * 1000) / 10 : 0;
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { padding: mobile ? 12 : 24 } }}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={8}>
          <div data-testid="checkpoint-summary" style={{ fontSize: mobile ? 22 : 28, fontWeight: 600 }}>
            {t('checkpoints.removedOf', { removed, total })}
          </div>
          <Progress percent={percent} strokeColor="#389e0d" railColor="#ffe7ba" style={{ margin: '8px 0 16px' }} />
          <Row gutter={16}>
            <Col span={8}><Statistic title={t('checkpoints.total')} value={total} /></Col>
            <Col span={8}><Statistic title={t('checkpoints.statusRemoved')} value={removed} styles={{ content: { color: '#389e0d' } }} /></Col>
            <Col span={8}><Statistic title={t('checkpoints.statusOpen')} value={open} styles={{ content: { color: '#d46b08' } }} /></Col>
          </Row>
        </Col>
        <Col xs={24} lg={16}>
          <div className="gg-muted" style={{ marginBottom: 4 }}>{t('checkpoints.byRegion')}</div>
          {bars.length ? (
            <RemovalChart bars={bars} labels={{ removed: t('checkpoints.statusRemoved'), open: t('checkpoints.statusOpen') }} />
          ) : (
            <div className="gg-muted" style={{ padding: '24px 0' }}>{t('checkpoints.noChildren')}</div>
          )}
        </Col>
      </Row>
    </Card>
  );
}
