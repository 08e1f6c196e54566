// The landing page: who I am, where, and the capabilities my role opens.
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from './auth.tsx';
import { isExternal, navEntriesFor } from './nav.tsx';
import { TodayReportCard } from '../features/reports/TodayReportCard.tsx';
import { MyRemindersCard } from '../features/responsibility/MyRemindersCard.tsx';
import { orderForRole, tileLineKey } from './home-tiles.ts';


export function HomePage() {
  const me = useMe();
  const { t } = useTranslation();
  const links = orderForRole(me.user.role, navEntriesFor(me.user.role).filter((e) => e.path !== '/'));
  const tile = (entry: (typeof links)[number]) => (
    <Card hoverable style={{ height: '100%' }} data-testid="home-tile" data-path={entry.path}>
      <Card.Meta avatar={<span style={{ fontSize: 24, color: '#1f5fbf' }}>{entry.icon}</span>} title={t(entry.labelKey)} description={t(tileLineKey(me.user.role, entry.path))} />
    </Card>
  );
  return (
    <div className="gg-page">
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('home.greeting', { name: me.user.displayName })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, sm: 2, md: 3 }}
          items={[
            { key: 'region', label: t('home.region'), children: `${me.region.name} · ${t(`levels.${me.region.level}`, { defaultValue: me.region.level })}` },
            { key: 'role', label: t('home.role'), children: t(`roles.${me.user.role}`) },
            { key: 'code', label: t('territory.code'), children: <span className="gg-mono">{me.region.code}</span> },
          ]}
        />
      </Card>
      <MyRemindersCard />
      <TodayReportCard />
      <Typography.Title level={5}>{t('home.quick')}</Typography.Title>
      <Row gutter={[16, 16]}>
        {links.map((entry) => (
          <Col key={entry.path} xs={24} sm={12} lg={6}>
            {isExternal(entry.path) ? (
              // The phone app is another app: a plain link loads it.
              <a href={entry.path} data-testid="home-phone-app">{tile(entry)}</a>
            ) : (
              <Link to={entry.path}>{tile(entry)}</Link>
            )}
          </Col>
        ))}
      </Row>
    </div>
  );
}
