// 个人中心: who I am, changing my password, and my API tokens for scripts (created, shown once,
// listed, revoked).
import { KeyOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PASSWORD_PATH } from '../../app/guards.tsx';
import { useMe } from '../../app/auth.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { TokensCard } from './TokensCard.tsx';

export default function ProfilePage() {
  const me = useMe();
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('profile.title')}</Typography.Title>
      </div>
      <Card title={t('profile.me')} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'name', label: t('users.displayName'), children: me.user.displayName },
            { key: 'username', label: t('users.username'), children: <span className="gg-mono">{me.user.username}</span> },
            { key: 'role', label: t('users.role'), children: t(`roles.${me.user.role}`) },
            { key: 'region', label: t('users.region'), children: `${me.region.name} · ${t(`levels.${me.region.level}`, { defaultValue: me.region.level })}` },
            { key: 'code', label: t('territory.code'), children: <span className="gg-mono">{me.region.code}</span> },
            { key: 'created', label: t('users.createdAt'), children: formatDateTime(me.user.createdAt) },
          ]}
        />
      </Card>
      <Card title={t('password.profileTitle')} style={{ marginBottom: 16 }}>
        <Typography.Paragraph className="gg-muted">{t('password.profileDesc')}</Typography.Paragraph>
        <Button icon={<KeyOutlined />} onClick={() => void navigate(PASSWORD_PATH)} data-testid="profile-change-password">
          {t('nav.changePassword')}
        </Button>
      </Card>
      <TokensCard />
    </div>
  );
}
