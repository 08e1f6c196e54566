// One list: while it is taken in, its bar (as imports show theirs); then its counts, its progress
// by region as a stacked bar chart (a click on a bar opens that region's own children) beside the
// same figures as a table, the way to its tasks and unrouted pool, and the feedback workbook for
// the upper level (masked, or in full with a purpose, audited by the server), and its spot checks.
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, Progress, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { OUTCOMES } from '../../../shared/verification.ts';
import { useMe } from '../../app/auth.tsx';
import { can } from '../../app/access.ts';
import { EChart } from '../../lib/EChart.tsx';
import { ExportButton } from '../../lib/ExportButton.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { progressOption } from './progress-chart.ts';
import { SpotChecksPanel } from './SpotChecksPanel.tsx';
import { ListStatusTag } from './VerificationTags.tsx';
import { type ListProgressRow, feedbackPath, getList, isRunning, listProgress, verificationKeys } from './verification.api.ts';

function ProgressSection({ listId, done }: { listId: string; done: boolean }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const me = useMe();
  const { regionId, setRegionId } = useUrlFilters();
  const progress = useQuery({ queryKey: verificationKeys.progress(listId, regionId), queryFn: () => listProgress(listId, regionId), enabled: done, refetchInterval: 30_000 });
  const rows = progress.data?.items ?? [];
  const option = useMemo(() => progressOption(rows, t, mobile), [rows, t, mobile]);
  const shown = rows.filter((r) => r.total > 0);
  const drill = (id: number) => {
    // A region with children of its own opens them; a grid is as deep as the chart goes.
    if (id !== (regionId ?? me.region.id)) setRegionId(id);
  };
  return (
    <Card
      title={t('verification.progressChart')}
      extra={regionId ? <Button size="small" onClick={() => setRegionId(undefined)} data-testid="vprogress-up">{t('dashboard.up')}</Button> : <span className="gg-muted" style={{ fontSize: 12 }}>{mobile ? null : t('verification.drill')}</span>}
      styles={{ body: { padding: mobile ? 8 : 24 } }}
      style={{ marginTop: 16 }}
      data-testid="vprogress"
    >
      {shown.length ? (
        <EChart
          option={option}
          height={Math.max(240, mobile ? 60 + shown.length * 36 : 320)}
          onClick={(e) => {
            const row = shown[e.dataIndex ?? -1];
            if (row) drill(row.regionId);
          }}
          testId="vprogress-chart"
        />
      ) : (
        <Typography.Text type="secondary">{progress.isPending && done ? '…' : t('verification.noTasks')}</Typography.Text>
      )}
      <Table<ListProgressRow>
        size="small"
        rowKey="regionId"
        pagination={false}
        scroll={{ x: 'max-content' }}
        style={{ marginTop: 16 }}
        dataSource={shown}
        data-testid="vprogress-table"
        columns={[
          { title: t('verification.columns.region2'), dataIndex: 'name', render: (v: string, r) => <a onClick={() => drill(r.regionId)}>{v}</a> },
          { title: t('verification.columns.tasks'), dataIndex: 'total', align: 'right' },
          { title: t('verification.columns.checked'), dataIndex: 'checked', align: 'right' },
          { title: t('verification.columns.accepted'), dataIndex: 'accepted', align: 'right' },
          { title: t('verification.columns.overdue'), dataIndex: 'overdue', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
          ...OUTCOMES.map((o) => ({ title: t(`verification.outcomes.${o}`), key: o, align: 'right' as const, render: (_: unknown, r: ListProgressRow) => r.outcomes[o] ?? 0 })),
        ]}
      />
    </Card>
  );
}

export function ListDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const list = useQuery({ queryKey: verificationKeys.list(id), queryFn: () => getList(id), refetchInterval: (q) => (isRunning(q.state.data) ? 1000 : false) });
  const l = list.data;
  const manager = can(me.user.role, 'verification');
  return (
    <div className="gg-page">
      <Breadcrumb
        style={{ marginBottom: 8 }}
        items={[{ title: manager ? <Link to="/verification">{t('verification.title')}</Link> : t('verification.title') }, { title: l?.name ?? '…' }]}
      />
      {list.isError ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      {l ? (
        <>
          <div className="gg-page-title">
            <Typography.Title level={2} style={{ overflowWrap: 'anywhere' }}>{l.name}</Typography.Title>
            <Space wrap>
              <Link to={`/verification/tasks?listId=${l.id}`}><Button data-testid="vlist-open-tasks">{t('verification.tasksLink')}</Button></Link>
              {l.unrouted > 0 && manager ? (
                <Link to={`/verification/tasks?listId=${l.id}&unrouted=true`}><Button data-testid="vlist-open-pool">{t('verification.poolLink', { n: l.unrouted })}</Button></Link>
              ) : null}
              {manager && l.status === 'done' ? <ExportButton list="" file={feedbackPath(l.id)} revealable label={t('verification.feedback')} testId="vlist-feedback" /> : null}
            </Space>
          </div>
          <Card styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="vlist-summary">
            <Space wrap style={{ marginBottom: 12 }}>
              <ListStatusTag list={l} />
              <Tag>{t(`verification.kinds.${l.kind}`)}</Tag>
              <span className="gg-muted">{t('verification.dueAt', { time: formatDateTime(l.dueAt) })}</span>
              <span className="gg-muted">{t('verification.deadlineHours', { n: l.deadlineHours })}</span>
              {l.source ? <span className="gg-muted">{l.source}</span> : null}
              {l.fileName ? <span className="gg-muted">{l.fileName}</span> : null}
            </Space>
            {l.status !== 'done' ? (
              <Progress
                percent={Math.floor(l.progress / 10)}
                status={l.status === 'failed' ? 'exception' : 'active'}
                data-testid="vlist-progress"
              />
            ) : null}
            {l.error ? <Alert type="error" showIcon title={t('verification.failed', { reason: l.error })} style={{ marginTop: 12 }} data-testid="vlist-error" /> : null}
            <div style={{ display: 'flex', gap: mobile ? 16 : 32, flexWrap: 'wrap', marginTop: 12 }}>
              <Statistic title={t('verification.statTotal')} value={l.total} />
              <Statistic title={t('verification.statTasks')} value={l.tasks} />
              <Statistic title={t('verification.statMatched')} value={l.matched} />
              <Statistic title={t('verification.statRouted')} value={l.routed} styles={{ content: { color: '#389e0d' } }} />
              <Statistic title={t('verification.statUnrouted')} value={l.unrouted} styles={{ content: { color: l.unrouted ? '#d46b08' : undefined } }} />
              <Statistic title={t('verification.statFlagged')} value={l.flagged} styles={{ content: { color: l.flagged ? '#cf1322' : undefined } }} />
            </div>
          </Card>
          <ProgressSection listId={l.id} done={l.status === 'done'} />
          {manager && l.status === 'done' ? <SpotChecksPanel list={l} /> : null}
        </>
      ) : null}
    </div>
  );
}
