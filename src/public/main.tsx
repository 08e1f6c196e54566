// The public pages (/p/…): no account, phone-first, on a weak signal. A separate entry from the
// staff console (index.html → src/web) so none of antd, echarts or react-router is downloaded
// here; each page is its own lazy chunk on top of React and this shell.
import { lazy, StrictMode, Suspense, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { setLang, t, useLang } from './i18n.ts';
import './public.css';
import { Link, match, usePath } from '../client/router.tsx';
import { getJson } from './api.ts';
import { Loading, setCountyZone } from './ui.tsx';

// The county's zone for dates (GRIDGUARD_TIME_ZONE); pages use the default until it answers.
getJson<{ timeZone: string }>('/meta')
  .then((meta) => setCountyZone(meta.timeZone))
  .catch(() => undefined);

const Home = lazy(() => import('./pages/Home.tsx'));
const TipNew = lazy(() => import('./pages/TipNew.tsx'));
const TipTrack = lazy(() => import('./pages/TipTrack.tsx'));
const Arrive = lazy(() => import('./pages/Arrive.tsx'));
const Notices = lazy(() => import('./pages/Notices.tsx'));
const NoticeView = lazy(() => import('./pages/NoticeView.tsx'));
const Enterprise = lazy(() => import('./pages/Enterprise.tsx'));

function Page({ path }: { path: string }) {
  if (path === '/p') return <Home />;
  if (path === '/p/tips/new') return <TipNew />;
  if (path === '/p/tips/track') return <TipTrack />;
  const tracked = match('/p/tips/track/:code', path);
  if (tracked) return <TipTrack codeFromPath={tracked.code ?? ''} />;
  const arrival = match('/p/arrive/:token', path);
  if (arrival) return <Arrive token={arrival.token ?? ''} />;
  if (path === '/p/notices') return <Notices />;
  if (path === '/p/enterprise') return <Enterprise />;
  const notice = match('/p/notices/:id', path);
  if (notice) return <NoticeView id={notice.id ?? ''} />;
  return (
    <div className="card center" data-testid="not-found">
      <h1>{t('app.notFound')}</h1>
      <Link to="/p" className="button">
        {t('app.backHome')}
      </Link>
    </div>
  );
}

function App() {
  const lang = useLang();
  const path = usePath();
  useEffect(() => {
    document.getElementById('boot')?.remove();
  }, []);
  return (
    <>
      <header className="topbar">
        <Link to="/p" className="brand">
          {t('app.title')}
        </Link>
        <button type="button" className="lang" aria-label={t('app.langLabel')} data-testid="lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
          {t('app.lang')}
        </button>
      </header>
      <main className="column">
        {/* Keyed by path: leaving a page and coming back starts it fresh, while switching the
            language keeps a half-filled form. */}
        <Suspense fallback={<Loading />}>
          <Page key={path} path={path} />
        </Suspense>
      </main>
      <footer className="footer">{t('app.footer')}</footer>
    </>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('public.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
