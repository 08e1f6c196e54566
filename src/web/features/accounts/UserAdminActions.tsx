// The account's lifecycle: disable/enable (confirmed) and a manager's password reset (which the
// account must replace at its next sign-in).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/accounts.ts';
import { newIdempotencyKey } from '../../lib/api.ts';
import { useErrorText, useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { NewPasswordItem } from '../auth/NewPasswordItem.tsx';
import { patchUser, userKeys } from './accounts.api.ts';

export function UserAdminActions({ user, onChanged }: { user: User; onChanged: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const formErrors = useFormErrors();
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
    onError: (err) => {
      // The server's reason (too easy to guess, names the account…) goes on the field, translated.
      const unplaced = formErrors(form, err, ['password']);
      if (unplaced) form.setFields([{ name: 'password', errors: [unplaced] }]);
    },
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
        <Form form={form} layout="vertical" onFinish={(v) => reset.mutate(v.password)} style={{ marginTop: 8 }}>
          <NewPasswordItem
            name="password"
            placeholder={t('users.newPassword')}
            owner={{ username: user.username, displayName: user.displayName }}
            extra={t('users.resetHelp')}
            testId="user-reset-password"
          />
          <Button htmlType="submit" loading={reset.isPending} data-testid="user-reset-submit">{t('users.resetPassword')}</Button>
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
