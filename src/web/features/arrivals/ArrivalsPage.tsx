// 扫码登记 for staff: the router mounts this at /arrivals/*; the feature routes its own pages —
// the queue and the codes (tabs), and a code's printable poster.
import { Card, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useSearchParams } from 'react-router';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { ArrivalsSummary } from './ArrivalsChart.tsx';
import { CodesPanel } from './CodesPanel.tsx';
import { PosterPage } from './PosterPage.tsx';
import { QueuePanel } from './QueuePanel.tsx';
import { ARRIVAL_VERIFIERS } from '../../../shared/arrivals.ts';

function ArrivalsHome() {
  const { t } = useTranslation();
  const me = useMe();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const mayVerify = ARRIVAL_VERIFIERS.includes(me.user.role);
  const mayManage = can(me.user.role, 'arrivalCodes');
  const tabs = [
    ...(mayVerify ? [{ key: 'queue', label: t('arrivals.tabs.queue'), children: <QueuePanel mobile={mobile} /> }] : []),
    ...(mayManage ? [{ key: 'codes', label: t('arrivals.tabs.codes'), children: <CodesPanel mobile={mobile} /> }] : []),
  ];
  const wanted = params.get('tab');
  const active = tabs.some((tab) => tab.key === wanted) ? (wanted as string) : (tabs[0]?.key ?? 'queue');
  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('arrivals.title')}</Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('arrivals.intro')}</Typography.Paragraph>
      {mayVerify ? <ArrivalsSummary mobile={mobile} /> : null}
      <Card styles={{ body: { padding: mobile ? 12 : 24, paddingTop: 4 } }}>
        <Tabs activeKey={active} onChange={(key) => setParams({ tab: key }, { replace: true })} items={tabs} destroyOnHidden />
      </Card>
    </div>
  );
}

export default function ArrivalsPage() {
  return (
    <Routes>
      <Route index element={<ArrivalsHome />} />
      <Route path="codes/:id/poster" element={<PosterPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
