// 居家隔离: the router mounts this at /quarantine/*; the feature's own pages are routed here —
// the order list, the alerts, one order, and its printable notice.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { AlertsPage } from './AlertsPage.tsx';
import { NoticePage } from './NoticePage.tsx';
import { QuarantineDetailPage } from './QuarantineDetailPage.tsx';
import { QuarantineListPage } from './QuarantineListPage.tsx';

export default function QuarantinePage() {
  return (
    <Routes>
      <Route index element={<QuarantineListPage />} />
      <Route path="alerts" element={<AlertsPage />} />
      <Route path=":id" element={<QuarantineDetailPage />} />
      <Route path=":id/notice" element={<NoticePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
