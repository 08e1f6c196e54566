// Notices as table columns (desk) or cards (phone): title, topic, region, status, publish time,
// views. The page's PagedRecords puts them in a table or shows the cards.
import { EyeOutlined } from '@ant-design/icons';
import { Card, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Notice, NoticeStatus, NoticeTopic } from '../../../shared/notices.ts';
import { formatDateTime } from '../../lib/format.ts';

const STATUS_COLORS: Record<NoticeStatus, string> = { draft: 'default', published: 'green', withdrawn: 'red' };
export const TOPIC_COLORS: Record<NoticeTopic, string> = { announcement: 'blue', policy: 'purple', prevention: 'cyan', health: 'green', story: 'gold', other: 'default' };

const isScheduled = (n: Pick<Notice, 'status' | 'publishAt'>) => n.status === 'published' && !!n.publishAt && Date.parse(n.publishAt) > Date.now();

export function NoticeStatusTag({ notice }: { notice: Pick<Notice, 'status' | 'publishAt'> }) {
  const { t } = useTranslation();
  if (isScheduled(notice)) return <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('notices.scheduled')}</Tag>;
  return <Tag color={STATUS_COLORS[notice.status]} style={{ marginInlineEnd: 0 }}>{t(`notices.statuses.${notice.status}`)}</Tag>;
}

export function TopicTag({ topic }: { topic: NoticeTopic }) {
  const { t } = useTranslation();
  return <Tag color={TOPIC_COLORS[topic]} style={{ marginInlineEnd: 0 }}>{t(`notices.topics.${topic}`)}</Tag>;
}

export function useNoticeColumns(): TableColumnsType<Notice> {
  const { t } = useTranslation();
  return [
    { title: t('notices.titleLabel'), dataIndex: 'title', render: (v: string) => <a>{v}</a> },
    { title: t('notices.topic'), dataIndex: 'topic', render: (v: NoticeTopic) => <TopicTag topic={v} /> },
    { title: t('notices.region'), dataIndex: 'regionName' },
    { title: t('notices.source'), dataIndex: 'source' },
    { title: t('common.status'), dataIndex: 'status', render: (_: NoticeStatus, n) => <NoticeStatusTag notice={n} /> },
    { title: t('notices.publishAt'), dataIndex: 'publishAt', render: (v: string | null) => formatDateTime(v) },
    { title: t('notices.views'), dataIndex: 'views', align: 'right' },
  ];
}

export function NoticeCards({ rows, onOpen }: { rows: Notice[]; onOpen: (n: Notice) => void }) {
  return (
    <div className="gg-card-list" data-testid="notice-cards">
      {rows.map((n) => (
        <Card key={n.id} size="small" onClick={() => onOpen(n)} hoverable>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
            <strong style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{n.title}</strong>
            <span style={{ flex: 'none' }}><NoticeStatusTag notice={n} /></span>
          </div>
          <div style={{ display: 'flex', gap: 6, alignItems: 'center', marginTop: 6, fontSize: 12, minWidth: 0 }}>
            <TopicTag topic={n.topic} />
            <span className="gg-muted gg-ellipsis">{n.regionName} · {n.source}</span>
          </div>
          <div className="gg-muted" style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 12 }}>
            <span>{formatDateTime(n.publishAt)}</span>
            <span><EyeOutlined /> {n.views}</span>
          </div>
        </Card>
      ))}
    </div>
  );
}
