// The phone app (/field, field.html): the pages grid workers, grid leaders and patrol members use
// on a cheap phone on a weak signal. React only — a few-line router (src/client/router.tsx), its
// own small UI and text, no antd, zod, i18next or router library — so a page's first load stays
// within 170 KB of compressed JavaScript (scripts/check-phone-budget.mjs). Works without a
// service worker (chat apps' in-app browsers); with one, its shell opens with no signal.
// First: a reopen's read of the phone's copy begins before the rest of the script is evaluated.
import './early-read.ts';
import './field.css';
import { memo, StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { belongsOnPhone, PASSWORD_PAGE, PHONE_SIGN_IN } from '../client/landing.ts';
import { lastKnownMe } from '../client/offline/me-cache.ts';
import { runnerFor } from '../client/offline/runners.ts';
import { navigate, usePath } from '../client/router.tsx';
import { afterFirstScreen } from './first-screen.ts';
import { gridReadSettled } from './grid-copy.ts';
import { firstRowsOf } from './first-rows.ts';
import { currentLang, initLang, type Lang, useLang } from './i18n.ts';
import { Page } from './routes.tsx';
import { startSession, useMe, useSession } from './session.ts';
import { Loading, Toasts } from './ui.tsx';
import Login from './pages/Login.tsx';

/**
 * The signed-in frame: keeps the outbox moving on every page. Memoised: the session's other
 * news (the server confirming the remembered account) renders App again, not the page; a new
 * address or language (the pages' t() follows it through this render) does.
 */
const SignedIn = memo(function SignedIn({ path }: { path: string; lang: Lang }) {
  const me = useMe();
  // The account, not each /auth/me answer. The loop starts once the first screen shows the
  // phone's copy, so that a reopen is not kept waiting by its first run.
  useEffect(() => {
    let stop: (() => void) | undefined;
    const cancel = afterFirstScreen(() => {
      stop = runnerFor(me).start();
    });
    return () => {
      cancel();
      stop?.();
    };
  }, [me.user.id]);
  return <Page path={path} />;
});

function App() {
  const lang = useLang();
  const path = usePath();
  const { me, confirmed } = useSession();
  const role = me?.user.role;
  useEffect(() => {
    document.getElementById('boot')?.remove();
  }, []);
  // A desk account (a county officer who opened the phone address) uses the staff app. (The
  // sign-in page sends on whoever signs in there itself.)
  useEffect(() => {
    if (role && !belongsOnPhone(role) && path !== PHONE_SIGN_IN) location.replace('/');
  }, [role, path]);
  // A password a manager set must be replaced before anything else (the server answers nothing
  // else): the staff app's change-password page, which sends a phone user back here after.
  const mustChange = confirmed && me?.user.mustChangePassword === true;
  useEffect(() => {
    if (mustChange && path !== PHONE_SIGN_IN) location.replace(PASSWORD_PAGE);
  }, [mustChange, path]);
  useEffect(() => {
    if (!me && confirmed && path !== PHONE_SIGN_IN) navigate(`${PHONE_SIGN_IN}?next=${encodeURIComponent(path + location.search)}`, { replace: true });
  }, [me, confirmed, path]);

  if (path === PHONE_SIGN_IN) return <Login />;
  if (!me || !role) return confirmed ? null : <Loading />;
  if (!belongsOnPhone(role)) return <Loading />;
  return <SignedIn path={path} lang={lang} />;
}

/**
 * How long the first render waits for the phone's copy (grid-copy.ts) when no first rows were
 * kept (first-rows.ts): the read has often answered by the time the script has run; a phone whose
 * IndexedDB is slower than this shows the frame first and the rows when they come. With first
 * rows kept there is no wait: they are drawn at once, and the copy replaces them when it answers.
 */
const COPY_WAIT_MS = 400;

initLang();
void startSession();
const root = document.getElementById('root');
if (!root) throw new Error('field.html has no #root');
const known = lastKnownMe();
const keptRows = known !== null && firstRowsOf(known.user.id, currentLang()) !== null;
void (keptRows ? Promise.resolve() : gridReadSettled(COPY_WAIT_MS)).then(() => {
  performance.mark('field:render');
  createRoot(root).render(
    <StrictMode>
      <App />
      <Toasts />
    </StrictMode>,
  );
});

// The offline shell (field-sw.js, scope /field): production builds only; the app runs without it.
if ((import.meta as unknown as { env: { PROD: boolean } }).env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/field-sw.js', { scope: '/field' }).catch(() => undefined);
}
