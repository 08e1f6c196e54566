// The notices of the account's subtree: a chart per topic, filters by status and topic, a table
// on a desk and cards on a phone; writing a new one for those who may.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NOTICE_STATUSES, NOTICE_TOPICS, type Notice, type NoticeStatus, type NoticeTopic } from '../../../shared/notices.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { NoticeCards, useNoticeColumns } from './NoticeList.tsx';
import { NOTICE_EVENTS, type NoticeFilter, getNoticeSummary, listNotices, noticeKeys } from './notices.api.ts';
import { TopicChart } from './TopicChart.tsx';

export function NoticeListPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const columns = useNoticeColumns();
  const [status, setStatus] = useState<NoticeStatus | undefined>();
  const [topic, setTopic] = useState<NoticeTopic | undefined>();
  useLiveRefresh(NOTICE_EVENTS, noticeKeys.all);
  const filter: NoticeFilter = { status, topic };
  const { list, rows } = useCursorList(noticeKeys.list(filter), (cursor) => listNotices({ ...filter, cursor, limit: 50 }));
  const summary = useQuery({ queryKey: noticeKeys.summary, queryFn: getNoticeSummary });
  const open = (n: Notice) => void navigate(`/notices/${n.id}`);
  const total = summary.data ? Object.values(summary.data.byStatus).reduce((a, b) => a + b, 0) : null;

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('notices.title')}</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/notices/new')} data-testid="notice-create">
          {t('notices.create')}
        </Button>
      </div>
      <Typography.Paragraph type="secondary">{t('notices.intro')}</Typography.Paragraph>
      {summary.data && total ? (
        <Card size="small" title={t('notices.chartTitle')} extra={<span className="gg-muted">{t('notices.total', { count: total })}</span>} style={{ marginBottom: 16 }}>
          <TopicChart summary={summary.data} />
        </Card>
      ) : null}
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
          <Select<NoticeStatus>
            allowClear
            value={status}
            onChange={setStatus}
            placeholder={t('notices.filterStatus')}
            style={{ flex: '1 1 120px', maxWidth: mobile ? undefined : 160 }}
            options={NOTICE_STATUSES.map((s) => ({ value: s, label: t(`notices.statuses.${s}`) }))}
            data-testid="notice-filter-status"
          />
          <Select<NoticeTopic>
            allowClear
            value={topic}
            onChange={setTopic}
            placeholder={t('notices.filterTopic')}
            style={{ flex: '1 1 120px', maxWidth: mobile ? undefined : 160 }}
            options={NOTICE_TOPICS.map((x) => ({ value: x, label: t(`notices.topics.${x}`) }))}
            data-testid="notice-filter-topic"
          />
        </div>
        <PagedRecords<Notice>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('notices.empty')}
          cards={(loaded) => <NoticeCards rows={loaded} onOpen={open} />}
          testId="notice-table"
          onOpen={open}
          columns={columns}
        />
      </Card>
    </div>
  );
}
