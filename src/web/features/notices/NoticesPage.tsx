// 宣传发布: the router mounts this at /notices/*; the feature's own pages are routed here — the
// list, writing a notice, one notice with its scripts, and changing it.
import { useEffect } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage.tsx';
import { NoticeDetailPage } from './NoticeDetailPage.tsx';
import { NoticeEditPage } from './NoticeEditPage.tsx';
import { NoticeListPage } from './NoticeListPage.tsx';
import './notices.css';

export default function NoticesPage() {
  const { pathname } = useLocation();
  // Saving on a long editor lands on the notice: start it from its top.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return (
    <Routes>
      <Route index element={<NoticeListPage />} />
      <Route path="new" element={<NoticeEditPage />} />
      <Route path=":id" element={<NoticeDetailPage />} />
      <Route path=":id/edit" element={<NoticeEditPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
