// 修改密码: every account, phone or desk, changes its own password with its current one. An
// account whose password a manager set is sent here after sign-in and cannot leave until it
// has chosen its own (the server refuses everything else meanwhile).
import { LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PHONE_APP, landsOnPhoneApp } from '../../../client/landing.ts';
import { useAuth, useMe } from '../../app/auth.tsx';
import { useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { changePassword } from './auth.api.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { NewPasswordItem } from './NewPasswordItem.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}
const FIELDS = ['currentPassword', 'newPassword'] as const;

export default function ChangePasswordPage() {
  const me = useMe();
  const { replaceMe, signOut } = useAuth();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const formErrors = useFormErrors();
  const { key, renew } = useIdempotencyKey();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  /** Changed by a phone user: they go back to the phone app, a page load away. */
  const [doneOnPhone, setDoneOnPhone] = useState(false);
  const forced = me.user.mustChangePassword;

  const onFinish = async (values: Values) => {
    setSaving(true);
    setProblem(null);
    try {
      const next = await changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }, key);
      renew();
      replaceMe(next);
      if (landsOnPhoneApp(next.user.role)) {
        setDoneOnPhone(true);
        return;
      }
      void message.success(t('password.done'));
      void navigate('/', { replace: true });
    } catch (err) {
      renew();
      setProblem(formErrors(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  if (doneOnPhone) {
    return (
      <AuthLayout>
        <Card className="gg-login-card" data-testid="change-password">
          <Result
            status="success"
            title={t('password.done')}
            extra={
              <Button type="primary" block onClick={() => location.assign(PHONE_APP)} data-testid="password-back-to-phone">
                {t('password.backToPhone')}
              </Button>
            }
          />
        </Card>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <Card className="gg-login-card" title={forced ? t('password.forcedTitle') : t('password.title')} data-testid="change-password">
        {forced ? <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} data-testid="password-forced" /> : null}
        {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="password-error" /> : null}
        <Typography.Paragraph className="gg-muted" style={{ marginBottom: 16 }}>
          {me.user.displayName} · <span className="gg-mono">{me.user.username}</span>
        </Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
          {/* The username lets a password manager file the new password under the right account. */}
          <input type="text" name="username" autoComplete="username" value={me.user.username} readOnly hidden />
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <NewPasswordItem
            name="newPassword"
            label={t('password.new')}
            owner={{ username: me.user.username, displayName: me.user.displayName }}
            extra={t('password.help')}
            testId="password-new"
          />
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('validation.required') },
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={saving} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          {forced ? (
            <Button type="link" onClick={() => void signOut().then(() => navigate('/login', { replace: true }))} data-testid="password-sign-out">
              {t('password.signOut')}
            </Button>
          ) : (
            <Button type="link" onClick={() => void navigate(-1)}>{t('password.back')}</Button>
          )}
        </div>
      </Card>
    </AuthLayout>
  );
}
