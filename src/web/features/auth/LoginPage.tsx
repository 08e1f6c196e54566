// Sign-in: the county's name from /public/meta, username and password, the language switch.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { signInRefusal } from '../../../client/http.ts';
import { landsOnPhoneApp, PHONE_APP } from '../../../client/landing.ts';
import { useAuth } from '../../app/auth.tsx';
import { isApiError } from '../../lib/api.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { usePublicMeta } from './usePublicMeta.ts';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { me, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const meta = usePublicMeta();

  const next = params.get('next');
  const target = next?.startsWith('/') && !next.startsWith('//') ? next : '/';
  if (me) return <Navigate to={target} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await signIn(values.username, values.password);
      // A grid or patrol account signing in on a phone lands on the phone app.
      if (landsOnPhoneApp(me.user.role)) window.location.assign(PHONE_APP);
      else void navigate(target, { replace: true });
    } catch (err) {
      const refusal = signInRefusal(err);
      setError(refusal ? t(refusal.key, refusal.vars) : errorText(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthLayout footer={meta.data ? t('login.footer', { county: meta.data.countyName }) : null}>
      <div className="gg-login-brand">
        <div className="gg-login-mark" aria-hidden>
          <svg width="28" height="28" viewBox="0 0 16 16" fill="#fff">
            <path d="M1 1h6v6H1zM9 1h6v6H9zM1 9h6v6H1zM9 9h6v6H9z" />
          </svg>
        </div>
        <Typography.Title level={1} className="gg-login-title" data-testid="login-title">
          {t('login.title', { county: meta.data?.countyName ?? '' })}
        </Typography.Title>
        <div className="gg-login-subtitle">{t('login.subtitle')}</div>
      </div>
      <Card className="gg-login-card" title={t('login.heading')}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form<LoginForm> layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoCapitalize="none" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <div className="gg-login-hint">{t('login.hint')}</div>
      </Card>
    </AuthLayout>
  );
}
