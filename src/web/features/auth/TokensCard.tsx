// My API tokens: the list, revoke (confirmed), and create — the secret is shown once.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Empty, Popconfirm, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type ApiToken, listTokens, revokeToken } from './auth.api.ts';
import { TokenCreateModal } from './TokenCreateModal.tsx';

const TOKENS_KEY = ['auth', 'tokens'] as const;

export function TokensCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({ queryKey: TOKENS_KEY, queryFn: listTokens });
  const revoke = useMutation({
    mutationFn: revokeToken,
    onSuccess: () => {
      void message.success(t('profile.tokenRevoked'));
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
    onError: (err) => void message.error(errorText(err)),
  });

  const status = (token: ApiToken) => {
    if (token.revoked) return <Badge status="default" text={t('profile.revoked')} />;
    if (Date.parse(token.expiresAt) < Date.now()) return <Badge status="warning" text={t('profile.expired')} />;
    return <Badge status="success" text={t('profile.valid')} />;
  };

  return (
    <Card
      title={t('profile.tokens')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          {t('profile.createToken')}
        </Button>
      }
    >
      <p className="gg-muted" style={{ marginTop: 0 }}>{t('profile.tokensDesc')}</p>
      {tokens.isError ? <Alert type="error" showIcon title={errorText(tokens.error)} style={{ marginBottom: 16 }} /> : null}
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        loading={tokens.isPending}
        dataSource={tokens.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('profile.empty')} /> }}
        columns={[
          { title: t('profile.tokenName'), dataIndex: 'name' },
          { title: t('profile.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('profile.expiresAt'), dataIndex: 'expiresAt', render: (v: string) => formatDateTime(v) },
          { title: t('common.status'), key: 'status', render: (_: unknown, token) => status(token) },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, token) =>
              token.revoked ? null : (
                <Popconfirm
                  title={t('profile.revokeConfirm', { name: token.name })}
                  okText={t('profile.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke.mutateAsync(token.id).catch(() => undefined)}
                >
                  <Button type="link" danger>{t('profile.revoke')}</Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <TokenCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => void queryClient.invalidateQueries({ queryKey: TOKENS_KEY })}
      />
    </Card>
  );
}
