// The header's account block: name, role and region; the dropdown holds profile, change password
// (for every role, the field app's grid workers too) and sign-out.
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Dropdown, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from './auth.tsx';
import { PASSWORD_PATH } from './guards.tsx';

export function UserMenu({ compact }: { compact: boolean }) {
  const me = useMe();
  const { signOut } = useAuth();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const items = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ minWidth: 180 }}>
          <div style={{ fontWeight: 600, color: 'rgba(0,0,0,0.88)' }}>{me.user.displayName}</div>
          <div className="gg-muted">{t(`roles.${me.user.role}`)} · {me.region.name}</div>
        </div>
      ),
    },
    { type: 'divider' as const },
    { key: 'profile', icon: <UserOutlined />, label: t('nav.profile') },
    { key: 'password', icon: <KeyOutlined />, label: <span data-testid="menu-change-password">{t('nav.changePassword')}</span> },
    { key: 'signout', icon: <LogoutOutlined />, label: t('nav.signOut'), danger: true },
  ];
  const onClick = ({ key }: { key: string }) => {
    if (key === 'profile') void navigate('/profile');
    if (key === 'password') void navigate(PASSWORD_PATH);
    if (key === 'signout') void signOut().then(() => navigate('/login', { replace: true }));
  };
  return (
    <Space size={compact ? 4 : 12} style={{ minWidth: 0 }}>
      {compact ? null : <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t(`roles.${me.user.role}`)}</Tag>}
      <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
        <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
          <Space size={6}>
            <Avatar size="small" style={{ background: '#1f5fbf' }} icon={<UserOutlined />} />
            {compact ? null : <span>{me.user.displayName}</span>}
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </Button>
      </Dropdown>
      {compact ? null : (
        <Button type="text" icon={<LogoutOutlined />} onClick={() => onClick({ key: 'signout' })} data-testid="sign-out">
          {t('nav.signOut')}
        </Button>
      )}
    </Space>
  );
}
