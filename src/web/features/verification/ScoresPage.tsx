// 核查考核: the score of the account's region (or a region below it, by a click on its bar) and of
// each child region over the last days — daily reports on time beside verification tasks'
// completion and timeliness — as a bar chart and the same figures as a table.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../lib/EChart.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { scoresOption } from './scores-chart.ts';
import { type RegionScore, getScores, spotKeys } from './verification.api.ts';

const DAY_CHOICES = [7, 14, 30] as const;

function ScoreText({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) return <span className="gg-muted">{t('verification.scores.none')}</span>;
  return <Typography.Text type={value < 60 ? 'danger' : undefined} strong>{value}</Typography.Text>;
}

export function ScoresPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const { params, regionId, setRegionId, setFilter } = useUrlFilters();
  const days = DAY_CHOICES.find((d) => String(d) === params.get('days')) ?? 7;
  const scores = useQuery({ queryKey: spotKeys.scores(regionId, days), queryFn: () => getScores(regionId, days) });
  const data = scores.data;
  const rows = data?.children ?? [];
  const option = useMemo(() => scoresOption(rows, t, mobile), [rows, t, mobile]);
  const drill = (r: RegionScore) => {
    if (r.level !== 'grid' && r.level !== 'microgrid') setRegionId(r.regionId);
  };
  return (
    <div className="gg-page" data-testid="vscores">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('verification.scores.title')}{data ? ` · ${data.name}` : ''}</Typography.Title>
        <Space wrap>
          <Segmented<number> value={days} onChange={(d) => setFilter({ days: String(d) })} options={DAY_CHOICES.map((d) => ({ value: d, label: t('verification.scores.lastDays', { n: d }) }))} data-testid="vscores-days" />
          {regionId ? <Button onClick={() => setRegionId(undefined)} data-testid="vscores-up">{t('verification.scores.up')}</Button> : null}
        </Space>
      </div>
      {mobile ? null : <Typography.Paragraph type="secondary">{t('verification.scores.intro')}</Typography.Paragraph>}
      {scores.isError ? <Alert type="error" showIcon title={errorText(scores.error)} /> : null}
      {data ? (
        <Card styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="vscores-region">
          <div className="gg-muted" style={{ marginBottom: 8 }}>{t('verification.scores.period', { from: data.from, to: data.to })}</div>
          <div style={{ display: 'flex', gap: mobile ? 16 : 40, flexWrap: 'wrap' }}>
            <Statistic title={t('verification.scores.reportScore')} value={data.region.reports.score ?? t('verification.scores.none')} />
            <Statistic title={t('verification.scores.verificationScore')} value={data.region.verification.score ?? t('verification.scores.none')} />
            <Statistic title={t('verification.scores.total')} value={data.region.verification.total} />
            <Statistic title={t('verification.scores.closed')} value={data.region.verification.closed} />
            <Statistic title={t('verification.scores.overdue')} value={data.region.verification.overdue} styles={{ content: { color: data.region.verification.overdue ? '#cf1322' : undefined } }} />
          </div>
        </Card>
      ) : null}
      <Card
        title={t('verification.scores.chartTitle')}
        extra={mobile ? null : <span className="gg-muted" style={{ fontSize: 12 }}>{t('verification.scores.drill')}</span>}
        style={{ marginTop: 16 }}
        styles={{ body: { padding: mobile ? 8 : 24 } }}
      >
        {rows.length ? (
          <EChart option={option} height={Math.max(260, mobile ? 60 + rows.length * 44 : 340)} onClick={(e) => { const r = rows[e.dataIndex ?? -1]; if (r) drill(r); }} testId="vscores-chart" />
        ) : (
          <Typography.Text type="secondary">{scores.isPending ? '…' : t('verification.scores.none')}</Typography.Text>
        )}
        <Table<RegionScore>
          size="small"
          rowKey="regionId"
          pagination={false}
          scroll={{ x: 'max-content' }}
          style={{ marginTop: 16 }}
          dataSource={rows}
          data-testid="vscores-table"
          columns={[
            { title: t('verification.scores.region'), dataIndex: 'name', render: (v: string, r) => <a onClick={() => drill(r)}>{v}</a> },
            { title: t('verification.scores.reportScore'), key: 'rs', align: 'right', render: (_: unknown, r) => <ScoreText value={r.reports.score} /> },
            { title: t('verification.scores.reportsOnTime'), key: 'ro', align: 'right', render: (_: unknown, r) => `${r.reports.onTime}/${r.reports.due}` },
            { title: t('verification.scores.reportsLate'), key: 'rl', align: 'right', render: (_: unknown, r) => r.reports.late },
            { title: t('verification.scores.verificationScore'), key: 'vs', align: 'right', render: (_: unknown, r) => <ScoreText value={r.verification.score} /> },
            { title: t('verification.scores.total'), key: 'vt', align: 'right', render: (_: unknown, r) => r.verification.total },
            { title: t('verification.scores.closed'), key: 'vc', align: 'right', render: (_: unknown, r) => r.verification.closed },
            { title: t('verification.scores.onTime'), key: 'von', align: 'right', render: (_: unknown, r) => r.verification.closedOnTime },
            { title: t('verification.scores.overdue'), key: 'vo', align: 'right', render: (_: unknown, r) => (r.verification.overdue ? <Typography.Text type="danger">{r.verification.overdue}</Typography.Text> : 0) },
          ]}
        />
      </Card>
    </div>
  );
}
