// 我的责任提醒 on the 工作台: what alerts told this account about the persons it carries. A
// monitoring staff member sees the alert's kind and opens the alert list; anyone else is asked to
// check on the person, nothing more. Shown only while there are unread reminders.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, List, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format.ts';
import { markMessageRead, myMessages, responsibilityKeys } from './responsibility.api.ts';

export function MyRemindersCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const mine = useQuery({ queryKey: responsibilityKeys.mine, queryFn: myMessages, refetchInterval: 60_000 });
  const read = useMutation({ mutationFn: markMessageRead, onSuccess: () => void queryClient.invalidateQueries({ queryKey: responsibilityKeys.mine }) });
  const unread = (mine.data?.items ?? []).filter((m) => !m.readAt);
  if (unread.length === 0) return null;
  return (
    <Card title={t('responsibility.messages.mine')} size="small" style={{ marginBottom: 16 }} data-testid="my-reminders">
      <List
        size="small"
        dataSource={unread.slice(0, 10)}
        renderItem={(m) => (
          <List.Item actions={[<Button key="read" size="small" type="link" loading={read.isPending} onClick={() => read.mutate(m.id)}>{t('responsibility.messages.read')}</Button>]}>
            <Space size={8} wrap style={{ minWidth: 0 }}>
              {m.alertKind ? <Tag color="red" style={{ marginInlineEnd: 0 }}>{t(`responsibility.messages.kinds.${m.alertKind}`, { defaultValue: m.alertKind })}</Tag> : null}
              {m.audience === 'health' ? <Link to="/quarantine/alerts">{m.personName}</Link> : <span>{t('responsibility.messages.pleaseCheck', { person: m.personName })}</span>}
              <span className="gg-muted" style={{ fontSize: 12 }}>{formatDateTime(m.createdAt)}</span>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
