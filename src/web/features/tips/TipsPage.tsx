// 有奖举报, staff side: the router mounts this at /tips/*; the feature's pages are routed here —
// the inbox, the reward ledger and one tip.
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { TipDetailPage } from './TipDetailPage.tsx';
import { TipLedgerPage } from './TipLedgerPage.tsx';
import { TipsInboxPage } from './TipsInboxPage.tsx';

export default function TipsPage() {
  return (
    <Routes>
      <Route index element={<TipsInboxPage />} />
      <Route path="ledger" element={<TipLedgerPage />} />
      <Route path=":id" element={<TipDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
