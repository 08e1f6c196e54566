// Route guards: signed in at all, and allowed this capability by role.
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { type Capability, can } from './access.ts';
import { useAuth } from './auth.tsx';

/** The change-password page, where an account with a password a manager set is sent. */
export const PASSWORD_PATH = '/password';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loading, failed, retry } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <FullPageSpin />;
  if (failed) {
    return (
      <Result
        status="warning"
        title={t('errors.NETWORK_ERROR')}
        extra={<Button type="primary" onClick={retry}>{t('common.refresh')}</Button>}
      />
    );
  }
  if (!me) {
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  // A password a manager set must be replaced first; the server refuses everything else anyway.
  if (me.user.mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  return <>{children}</>;
}

export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const { me } = useAuth();
  const { t } = useTranslation();
  if (!me || !can(me.user.role, capability)) return <Result status="403" title="403" subTitle={t('common.forbidden')} />;
  return <>{children}</>;
}
