// The account's lifecycle: disable/enable (confirmed) and an admin's password reset.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN, type User } from '../../../shared/accounts.ts';
import { newIdempotencyKey } from '../../lib/api.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { patchUser, userKeys } from './accounts.api.ts';

export function UserAdminActions({ user, onChanged }: { user: User; onChanged: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ password: string }>();
  const { key, renew } = useIdempotencyKey();

  const reset = useMutation({
    mutationFn: (password: string) => patchUser(user.id, { password }, key),
    onSuccess: () => {
      renew();
      form.resetFields();
      void message.success(t('users.passwordReset'));
    },
    onError: (err) => form.setFields([{ name: 'password', errors: [errorText(err)] }]),
  });

  const toggleActive = () => {
    const key = newIdempotencyKey();
    const run = async () => {
      try {
        await patchUser(user.id, { active: !user.active }, key);
        void message.success(user.active ? t('users.disabled') : t('users.enabled'));
        await queryClient.invalidateQueries({ queryKey: userKeys.all });
        onChanged();
      } catch (err) {
        void message.error(errorText(err));
      }
    };
    if (!user.active) return void run();
    modal.confirm({
      title: t('users.disable'),
      content: t('users.disableConfirm', { name: user.displayName }),
      okButtonProps: { danger: true },
      okText: t('users.disable'),
      cancelText: t('common.cancel'),
      onOk: run,
    });
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Text strong>{t('users.resetPassword')}</Typography.Text>
        <Form form={form} layout="inline" onFinish={(v) => reset.mutate(v.password)} style={{ marginTop: 8, rowGap: 8 }}>
          <Form.Item
            name="password"
            style={{ flex: '1 1 200px', marginInlineEnd: 8 }}
            rules={[{ required: true, message: t('validation.required') }, { min: PASSWORD_MIN, message: t('validation.passwordMin', { min: PASSWORD_MIN }) }]}
          >
            <Input.Password placeholder={t('users.newPassword')} autoComplete="new-password" />
          </Form.Item>
          <Button htmlType="submit" loading={reset.isPending}>{t('users.resetPassword')}</Button>
        </Form>
      </div>
      <div>
        <Button danger={user.active} onClick={toggleActive} data-testid="user-toggle-active">
          {user.active ? t('users.disable') : t('users.enable')}
        </Button>
      </div>
    </Space>
  );
}
