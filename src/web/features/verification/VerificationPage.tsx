// 核查名单 / 核查任务: the lists a county or town took in (status, counts, progress), the upload with
// its column-mapping step, a list's page (progress by region as a chart, the feedback workbook)
// and the tasks of the account's subtree, the score (考核) by region and the enterprises'
// registration codes (复工复产). Grids open on their tasks: they take no list in.
import { Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useNavigate } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { can } from '../../app/access.ts';
import { RecordTable } from '../../lib/RecordTable.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { ListDetailPage } from './ListDetailPage.tsx';
import { ListStatusTag } from './VerificationTags.tsx';
import { TasksPage } from './TasksPage.tsx';
import { UploadPage } from './UploadPage.tsx';
import { EnterpriseCodesPage } from './EnterpriseCodesPage.tsx';
import { ScoresPage } from './ScoresPage.tsx';
import { type VerificationList, isRunning, listLists, verificationKeys } from './verification.api.ts';

function ListCards({ rows, onOpen }: { rows: VerificationList[]; onOpen: (l: VerificationList) => void }) {
  const { t } = useTranslation();
  return (
    <div className="gg-card-list" data-testid="vlist-cards">
      {rows.map((l) => (
        <Card key={l.id} size="small" onClick={() => onOpen(l)} style={{ cursor: 'pointer' }} data-testid="vlist-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <strong className="gg-ellipsis">{l.name}</strong>
            <ListStatusTag list={l} />
          </div>
          <div className="gg-muted" style={{ fontSize: 12, margin: '4px 0' }}>
            {t(`verification.kinds.${l.kind}`)} · {t('verification.dueAt', { time: formatDateTime(l.dueAt) })}
          </div>
          {isRunning(l) ? <Progress percent={Math.floor(l.progress / 10)} size="small" status="active" /> : (
            <div style={{ fontSize: 13 }}>
              {t('verification.columns.tasks')} {l.tasks} · {t('verification.columns.routed')} {l.routed} · {t('verification.columns.unrouted')} {l.unrouted}
            </div>
          )}
        </Card>
      ))}
    </div>
  );
}

function ListsPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const lists = useQuery({
    queryKey: verificationKeys.lists(),
    queryFn: () => listLists(),
    refetchInterval: (q) => (q.state.data?.items.some(isRunning) ? 1500 : false),
  });
  const rows = lists.data?.items ?? [];
  const open = (l: VerificationList) => void navigate(`/verification/lists/${l.id}`);
  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('verification.title')}</Typography.Title>
        <Space wrap>
          <Link to="/verification/tasks"><Button data-testid="vlist-tasks-link">{t('verification.navTasks')}</Button></Link>
          <Link to="/verification/scores"><Button data-testid="vlist-scores-link">{t('verification.toScores')}</Button></Link>
          <Link to="/verification/enterprises"><Button data-testid="vlist-codes-link">{t('verification.toEnterprises')}</Button></Link>
          <Link to="/verification/upload"><Button type="primary" icon={<PlusOutlined />} data-testid="vlist-upload">{t('verification.upload')}</Button></Link>
        </Space>
      </div>
      {mobile ? null : <Typography.Paragraph type="secondary">{t('verification.intro')}</Typography.Paragraph>}
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        {mobile ? (
          rows.length ? <ListCards rows={rows} onOpen={open} /> : <Typography.Text type="secondary">{lists.isPending ? '…' : t('verification.empty')}</Typography.Text>
        ) : (
          <RecordTable<VerificationList>
            rows={rows}
            loading={lists.isPending}
            emptyText={t('verification.empty')}
            testId="vlist-table"
            onOpen={open}
            columns={[
              { title: t('verification.columns.list'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
              { title: t('verification.columns.kind'), dataIndex: 'kind', render: (v: VerificationList['kind']) => <Tag>{t(`verification.kinds.${v}`)}</Tag> },
              {
                title: t('verification.columns.status'),
                dataIndex: 'status',
                render: (_: string, l) => (isRunning(l) ? <Progress percent={Math.floor(l.progress / 10)} size="small" status="active" style={{ width: 120 }} /> : <ListStatusTag list={l} />),
              },
              { title: t('verification.columns.tasks'), dataIndex: 'tasks', align: 'right' },
              { title: t('verification.columns.routed'), dataIndex: 'routed', align: 'right' },
              { title: t('verification.columns.unrouted'), dataIndex: 'unrouted', align: 'right', render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : v) },
              { title: t('verification.columns.flagged'), dataIndex: 'flagged', align: 'right' },
              { title: t('verification.columns.dueAt'), dataIndex: 'dueAt', render: (v: string) => formatDateTime(v) },
              { title: t('verification.columns.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}

/** Managers land on the lists; grid staff on their tasks. */
function Index() {
  const me = useMe();
  return can(me.user.role, 'verification') ? <ListsPage /> : <Navigate to="/verification/tasks" replace />;
}

function ManagersOnly({ children }: { children: React.ReactNode }) {
  const me = useMe();
  return can(me.user.role, 'verification') ? <>{children}</> : <Navigate to="/verification/tasks" replace />;
}

export default function VerificationPage() {
  return (
    <Routes>
      <Route index element={<Index />} />
      <Route path="upload" element={<ManagersOnly><UploadPage /></ManagersOnly>} />
      <Route path="lists/:id" element={<ListDetailPage />} />
      <Route path="tasks" element={<TasksPage />} />
      <Route path="scores" element={<ManagersOnly><ScoresPage /></ManagersOnly>} />
      <Route path="enterprises" element={<ManagersOnly><EnterpriseCodesPage /></ManagersOnly>} />
    </Routes>
  );
}
