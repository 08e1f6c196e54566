// The summary of the user's region: filed, open, awaiting guidance / follow-up, followed up,
// and the chart by kind and decision — all from the server's counters.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/errors.ts';
import { familyEventKeys, getFamilyEventSummary } from './familyEvents.api.ts';
import { KindDecisionChart } from './KindDecisionChart.tsx';

export function SummaryTiles({ mobile }: { mobile: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const summary = useQuery({ queryKey: familyEventKeys.summary, queryFn: getFamilyEventSummary });
  if (summary.isError) return <Alert type="error" showIcon title={errorText(summary.error)} style={{ marginBottom: 16 }} />;
  if (!summary.data) return <Card style={{ marginBottom: 16 }}><Skeleton active paragraph={{ rows: 3 }} /></Card>;
  const s = summary.data;
  const tiles = [
    { key: 'total', title: t('familyEvents.total'), value: s.total },
    { key: 'open', title: t('familyEvents.open'), value: s.open, color: '#d46b08' },
    { key: 'filed', title: t('familyEvents.filed'), value: s.byStatus.filed ?? 0 },
    { key: 'guided', title: t('familyEvents.guided'), value: s.byStatus.guided ?? 0 },
    { key: 'followedUp', title: t('familyEvents.followedUp'), value: s.byStatus.followed_up ?? 0, color: '#389e0d' },
    { key: 'cancelled', title: t('familyEvents.cancelled'), value: s.byStatus.cancelled ?? 0 },
  ];
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { padding: mobile ? 12 : 24 } }}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Row gutter={[12, 12]} data-testid="family-event-summary">
            {tiles.map((tile) => (
              <Col span={8} key={tile.key}>
                <Statistic title={tile.title} value={tile.value} styles={tile.color ? { content: { color: tile.color } } : undefined} data-testid={`family-event-tile-${tile.key}`} />
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} lg={14}>
          <div className="gg-muted" style={{ marginBottom: 4 }}>{t('familyEvents.byKindDecision')}</div>
          <KindDecisionChart summary={s} />
        </Col>
      </Row>
    </Card>
  );
}
