// The signed-in frame: a dark side menu on desktop, a drawer menu on a phone, and a header with
// the account, its region and role, the language switch and sign-out.
import { MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { usePublicMeta } from '../features/auth/usePublicMeta.ts';
import { useIsMobile } from '../lib/useIsMobile.ts';
import { useMe } from './auth.tsx';
import { FullPageSpin } from './guards.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { isExternal, menuItems, selectedKey } from './nav.tsx';
import { openPhoneApp } from './phone-app.tsx';
import { BRAND } from './theme.ts';
import { UserMenu } from './UserMenu.tsx';
import { OutboxSync } from './OutboxSync.tsx';

function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="gg-brand">
      <span className="gg-brand-mark" aria-hidden>
        <svg width="16" height="16" viewBox="0 0 16 16" fill="#fff">
          <path d="M1 1h6v6H1zM9 1h6v6H9zM1 9h6v6H1zM9 9h6v6H9z" />
        </svg>
      </span>
      {collapsed ? null : <span className="gg-ellipsis">{t('app.name')}</span>}
    </div>
  );
}

export function Shell() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  usePublicMeta();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const items = menuItems(me.user.role, t);
  const current = selectedKey(location.pathname);
  const go = ({ key }: { key: string }) => {
    setDrawerOpen(false);
    if (isExternal(key)) openPhoneApp(key);
    else void navigate(key);
  };
  const menu = <Menu theme="dark" mode="inline" items={items} selectedKeys={[current]} onClick={go} data-testid="nav-menu" />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <OutboxSync />
      {mobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: BRAND.navBackground }, header: { display: 'none' } }}
        >
          <div style={{ padding: '16px 20px' }}>
            <Brand />
          </div>
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider width={220} collapsible collapsed={collapsed} trigger={null} style={{ position: 'sticky', top: 0, height: '100vh' }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: collapsed ? '0 26px' : '0 20px' }}>
            <Brand collapsed={collapsed} />
          </div>
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderBottom: '1px solid #e8e8e8',
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
            {mobile ? (
              <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawerOpen(true)} aria-label={t('nav.menu')} data-testid="nav-toggle" />
            ) : (
              <Button type="text" icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={() => setCollapsed(!collapsed)} aria-label={t('nav.menu')} />
            )}
            <span className="gg-ellipsis" style={{ fontWeight: 600, fontSize: mobile ? 15 : 16 }} data-testid="header-region">
              {mobile ? t('app.short') : me.region.name}
              {mobile ? null : <span className="gg-muted" style={{ fontWeight: 400, fontSize: 13, marginInlineStart: 8 }}>{t(`levels.${me.region.level}`, { defaultValue: me.region.level })}</span>}
            </span>
          </div>
          <div style={{ display: 'flex', alignItems: 'center', gap: mobile ? 0 : 8, flex: 'none' }}>
            <LanguageSwitch compact={mobile} />
            <UserMenu compact={mobile} />
          </div>
        </Layout.Header>
        <Layout.Content style={{ minWidth: 0 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
