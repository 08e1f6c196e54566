// The accounts as a table (desk) or as cards (phone); only the accounts one may change can be opened.
import { EditOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Badge, Button, Card, Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/accounts.ts';
import { formatDateTime } from '../../lib/format.ts';
import { RegionName } from '../regions/RegionName.tsx';
import { RecordTable } from '../../lib/RecordTable.tsx';

interface Props {
  rows: User[];
  loading: boolean;
  selfId: string;
  /** One's own account, and those whose role one may grant. */
  canEdit: (user: User) => boolean;
  onEdit: (user: User) => void;
}

function Status({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <span>
      <Badge status={user.active ? 'success' : 'default'} text={user.active ? t('common.active') : t('common.inactive')} />
      {user.active && user.mustChangePassword ? <Tag color="orange" style={{ marginInlineStart: 6 }}>{t('users.mustChange')}</Tag> : null}
    </span>
  );
}

export function UserTable({ rows, loading, selfId, canEdit, onEdit }: Props) {
  const { t } = useTranslation();
  return (
    <RecordTable<User>
      rows={rows}
      loading={loading}
      emptyText={t('users.empty')}
      testId="user-table"
      columns={[
        { title: t('users.username'), dataIndex: 'username', render: (v: string, u) => (
          <span>
            <span className="gg-mono">{v}</span>
            {u.id === selfId ? <Tag style={{ marginInlineStart: 8 }}>{t('users.self')}</Tag> : null}
          </span>
        ),
      },
        { title: t('users.displayName'), dataIndex: 'displayName' },
        { title: t('users.phone'), dataIndex: 'phone', render: (v: string | null) => (v ? <a href={`tel:${v}`} className="gg-mono">{v}</a> : <span className="gg-muted">—</span>) },
        { title: t('users.role'), dataIndex: 'role', render: (role: string) => <Tag color="blue">{t(`roles.${role}`)}</Tag> },
        { title: t('users.region'), dataIndex: 'regionId', render: (id: number) => <RegionName id={id} /> },
        { title: t('users.active'), dataIndex: 'active', render: (_: boolean, u) => <Status user={u} /> },
        { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        {
          title: t('common.actions'),
          key: 'actions',
          fixed: 'right',
          render: (_: unknown, u) =>
            canEdit(u) ? <Button type="link" icon={<EditOutlined />} onClick={() => onEdit(u)}>{t('common.edit')}</Button> : null,
        },
      ]}
    />
  );
}

export function UserCards({ rows, loading, selfId, canEdit, onEdit }: Props) {
  const { t } = useTranslation();
  if (loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('users.empty')} />;
  return (
    <div className="gg-card-list" data-testid="user-cards">
      {rows.map((u) => (
        <Card key={u.id} size="small" onClick={canEdit(u) ? () => onEdit(u) : undefined} hoverable={canEdit(u)}>
          <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
            <Avatar style={{ background: u.active ? '#1f5fbf' : '#bfbfbf', flex: 'none' }} icon={<UserOutlined />} />
            <div style={{ minWidth: 0, flex: 1 }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <strong className="gg-ellipsis">
                  {u.displayName}
                  {u.id === selfId ? <Tag style={{ marginInlineStart: 6, fontWeight: 400 }}>{t('users.self')}</Tag> : null}
                </strong>
                <Tag color="blue" style={{ marginInlineEnd: 0, flex: 'none' }}>{t(`roles.${u.role}`)}</Tag>
              </div>
              <div className="gg-muted gg-mono gg-ellipsis" style={{ fontSize: 12 }}>
                {u.username}
                {u.phone ? <span style={{ marginInlineStart: 8 }}>{u.phone}</span> : null}
              </div>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 13 }}>
                <span className="gg-ellipsis"><RegionName id={u.regionId} /></span>
                <Status user={u} />
              </div>
            </div>
          </div>
        </Card>
      ))}
    </div>
  );
}
