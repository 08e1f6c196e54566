// The phone's own sign-in (light: the staff app's antd page would cost a phone on 3G many
// seconds). A grid or patrol account goes on to the phone app; any other account to the staff app.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Me } from '../../shared/accounts.ts';
import { belongsOnPhone, PASSWORD_PAGE, PHONE_APP } from '../../client/landing.ts';
import { signInRefusal } from '../../client/http.ts';
import { api } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { t } from '../i18n.ts';
import { signIn, useSession } from '../session.ts';
import { Button, Field, LangSwitch, Notice } from '../ui.tsx';

/** Where to go after signing in: a page of the phone app named by ?next=, else its home. */
export function nextTarget(): string {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith(`${PHONE_APP}`) && !next.startsWith('//') && !next.startsWith(`${PHONE_APP}/login`) ? next : PHONE_APP;
}

/** Leaves the sign-in page with a page load (field.html's early reads of the grid were made
 * before there was a session and must be made again with it): the phone app, or for a desk
 * account the staff app. */
function leave(me: Me): void {
  // A password a manager set is replaced first: the server refuses everything else until then.
  if (me.user.mustChangePassword) location.replace(PASSWORD_PAGE);
  else location.replace(belongsOnPhone(me.user.role) ? nextTarget() : '/');
}

export default function Login() {
  const meta = useResource('meta', () => api<{ countyName: string }>('/public/meta'));
  const session = useSession();
  const left = useRef(false);
  // Opened while signed in (the server said so): nothing to do here.
  useEffect(() => {
    if (session.me && session.confirmed && !left.current) {
      left.current = true;
      leave(session.me);
    }
  }, [session.me, session.confirmed]);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.getElementById('boot')?.remove();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const gaps = { username: username.trim() ? undefined : t('login.usernameRequired'), password: password ? undefined : t('login.passwordRequired') };
    setMissing(gaps);
    if (gaps.username || gaps.password) return;
    setBusy(true);
    setProblem(null);
    try {
      left.current = true;
      leave(await signIn(username.trim(), password));
    } catch (err) {
      left.current = false;
      const refusal = signInRefusal(err);
      setProblem(refusal ? t(refusal.key, refusal.vars) : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="column login">
      <div className="login-top">
        <LangSwitch />
      </div>
      <div className="login-brand">
        <div className="login-mark" aria-hidden="true">
          <svg width="28" height="28" viewBox="0 0 16 16" fill="#fff">
            <path d="M1 1h6v6H1zM9 1h6v6H9zM1 9h6v6H1zM9 9h6v6H9z" />
          </svg>
        </div>
        <h1 data-testid="login-title">{t('login.title', { county: meta.data?.countyName ?? '' })}</h1>
        <p className="muted">{t('phone.signInSub')}</p>
      </div>
      <form className="card form" onSubmit={(e) => void submit(e)} noValidate>
        {problem ? (
          <Notice kind="error" testId="login-error">
            {problem}
          </Notice>
        ) : null}
        <Field id="login-username" label={t('login.username')} error={missing.username}>
          <input id="login-username" className="input" autoComplete="username" autoCapitalize="none" value={username} onChange={(e) => setUsername(e.target.value)} data-testid="login-username" />
        </Field>
        <Field id="login-password" label={t('login.password')} error={missing.password}>
          <input id="login-password" className="input" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </Field>
        <Button kind="primary" type="submit" block busy={busy} data-testid="login-submit">
          {t('login.submit')}
        </Button>
        <p className="muted small">{t('login.hint')}</p>
      </form>
    </main>
  );
}
