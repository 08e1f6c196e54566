// One notice as residents will read it (rendered by the server), with its status, views and
// publish time, the loudspeaker script and social text to copy, and edit / withdraw / publish again.
import { ArrowLeftOutlined, EditOutlined, EyeOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Notice } from '../../../shared/notices.ts';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { NoticeStatusTag, TopicTag } from './NoticeList.tsx';
import { ScriptsCard } from './ScriptsCard.tsx';
import { getNotice, noticeKeys, patchNotice } from './notices.api.ts';

export function NoticeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const { key, renew } = useIdempotencyKey();
  const notice = useQuery({ queryKey: noticeKeys.detail(id), queryFn: () => getNotice(id) });

  const setStatus = useMutation({
    mutationFn: (v: { n: Notice; status: 'withdrawn' | 'published' }) => patchNotice(v.n.id, { version: v.n.version, status: v.status, ...(v.status === 'published' ? { publishAt: null } : {}) }, key),
    onSuccess: (n) => {
      renew();
      void message.success(n.status === 'withdrawn' ? t('notices.withdrawn') : t('notices.publishedOk'));
      queryClient.setQueryData(noticeKeys.detail(n.id), n);
      void queryClient.invalidateQueries({ queryKey: noticeKeys.all });
    },
    onError: (err) => void message.error(errorText(err)),
  });

  if (notice.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (notice.isError) return <div className="gg-page"><Alert type="error" showIcon title={errorText(notice.error)} /></div>;
  const n = notice.data;

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Link to="/notices"><Button icon={<ArrowLeftOutlined />}>{t('notices.back')}</Button></Link>
        <Space wrap>
          <Button icon={<EditOutlined />} onClick={() => void navigate(`/notices/${n.id}/edit`)} data-testid="notice-edit">{t('notices.edit')}</Button>
          {n.status === 'published' ? (
            <Popconfirm title={t('notices.withdrawConfirm')} okText={t('notices.withdraw')} okButtonProps={{ danger: true }} onConfirm={() => setStatus.mutate({ n, status: 'withdrawn' })}>
              <Button danger icon={<StopOutlined />} loading={setStatus.isPending} data-testid="notice-withdraw">{t('notices.withdraw')}</Button>
            </Popconfirm>
          ) : (
            <Button type="primary" loading={setStatus.isPending} onClick={() => setStatus.mutate({ n, status: 'published' })} data-testid="notice-publish">
              {n.status === 'withdrawn' ? t('notices.republish') : t('notices.modes.now')}
            </Button>
          )}
        </Space>
      </div>
      <div className="gg-notice-editor">
        <Card styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="notice-detail">
          <Typography.Title level={3} style={{ marginTop: 0, overflowWrap: 'anywhere' }}>{n.title}</Typography.Title>
          <Space size={6} wrap style={{ marginBottom: 12 }}>
            <NoticeStatusTag notice={n} />
            <TopicTag topic={n.topic} />
            <span className="gg-muted" data-testid="notice-views"><EyeOutlined /> {t('notices.viewsCount', { count: n.views })}</span>
          </Space>
          <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('notices.source')}>{n.source}</Descriptions.Item>
            <Descriptions.Item label={t('notices.region')}>{n.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('notices.publishAt')}>{formatDateTime(n.publishAt)}</Descriptions.Item>
            <Descriptions.Item label={t('notices.createdBy')}>{n.createdBy ?? '—'}</Descriptions.Item>
          </Descriptions>
          {/* Rendered by the server from Markdown with raw HTML escaped and only http(s) links. */}
          <div className="gg-notice-body" data-testid="notice-html" dangerouslySetInnerHTML={{ __html: n.html ?? '' }} />
        </Card>
        <ScriptsCard scripts={n.scripts} />
      </div>
    </div>
  );
}
