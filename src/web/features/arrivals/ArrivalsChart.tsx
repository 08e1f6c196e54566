// Registrations per day over the last 14 county days, with the queue's counts by status.
import { useQuery } from '@tanstack/react-query';
import { Card, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { ARRIVAL_STATUSES } from '../../../shared/arrivals.ts';
import { EChart } from '../../lib/EChart.tsx';
import { arrivalKeys, getSummary } from './arrivals.api.ts';

export function ArrivalsSummary({ mobile }: { mobile: boolean }) {
  const { t } = useTranslation();
  const summary = useQuery({ queryKey: arrivalKeys.summary(), queryFn: () => getSummary() });
  const s = summary.data;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: mobile ? '1fr' : '360px 1fr', gap: 16, marginBottom: 16 }}>
      {/* A phone shows the four counts in one row, so the queue stays near the top. */}
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'repeat(4, 1fr)' : 'repeat(2, 1fr)', gap: 8 }} data-testid="arrival-tiles">
        {ARRIVAL_STATUSES.map((status) => (
          <Card key={status} size="small" styles={{ body: mobile ? { padding: '6px 8px' } : undefined }}>
            <Statistic
              title={<span style={{ fontSize: mobile ? 12 : undefined }}>{t(`arrivals.statuses.${status}`)}</span>}
              value={s?.byStatus[status] ?? 0}
              loading={summary.isPending}
              styles={{ content: { fontSize: mobile ? 18 : undefined, color: status === 'pending' ? '#d46b08' : undefined } }}
              data-testid={`arrival-tile-${status}`}
            />
          </Card>
        ))}
      </div>
      <Card size="small" title={t('arrivals.chart.title')} styles={{ body: { padding: 8 } }}>
        {!s ? (
          <Skeleton active />
        ) : (
          <EChart
            height={mobile ? 150 : 200}
            testId="arrival-chart"
            option={{
              grid: { left: 36, right: 12, top: 16, bottom: 28 },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: s.byDay.map((d) => d.day.slice(5)) },
              yAxis: { type: 'value', minInterval: 1 },
              series: [{ type: 'bar', name: t('arrivals.chart.count'), data: s.byDay.map((d) => d.count), itemStyle: { color: '#1677ff' }, barMaxWidth: 28 }],
            }}
          />
        )}
      </Card>
    </div>
  );
}
