// 账号管理: the accounts of my subtree, filtered by region and text; a table on a desk, cards on
// a phone; "load more" pages with the cursor. Create and edit happen in a drawer.
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/accounts.ts';
import { mayGrantRole } from '../../../shared/account-grants.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { listUsers, userKeys } from './accounts.api.ts';
import { UserCards, UserTable } from './UserList.tsx';
import { UserDrawer } from './UserDrawer.tsx';
import { ExportButton } from '../../lib/ExportButton.tsx';

export default function UsersPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const [regionId, setRegionId] = useState<number | undefined>(undefined);
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  const users = useInfiniteQuery({
    queryKey: userKeys.list(regionId, q),
    queryFn: ({ pageParam }) => listUsers({ regionId, q: q || undefined, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = users.data?.pages.flatMap((p) => p.items) ?? [];
  const canEdit = (u: User) => u.id === me.user.id || mayGrantRole(me.user.role, u.role);
  const listProps = { rows, loading: users.isPending, selfId: me.user.id, canEdit, onEdit: (u: User) => setEditing(u) };

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('users.title')}</Typography.Title>
        <Space wrap>
          <ExportButton list="/users" filters={{ regionId, q: q || undefined }} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
            {t('users.create')}
          </Button>
        </Space>
      </div>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
            placeholder={t('users.searchPlaceholder')}
            style={{ flex: '1 1 240px', maxWidth: mobile ? undefined : 360 }}
          />
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={users.data?.pages[0]?.total} mobile={mobile} testId="users" />
        </div>
        {users.isError ? <Alert type="error" showIcon title={errorText(users.error)} style={{ marginBottom: 16 }} /> : null}
        {mobile ? <UserCards {...listProps} /> : <UserTable {...listProps} />}
        {users.hasNextPage ? (
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Button onClick={() => void users.fetchNextPage()} loading={users.isFetchingNextPage}>{t('common.loadMore')}</Button>
          </div>
        ) : null}
      </Card>
      <UserDrawer user={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
