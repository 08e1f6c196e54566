// The phone's own sign-in (light: the staff app's antd page would cost a phone on 3G many
// seconds). A grid or patrol account goes on to the phone app; any other account to the staff app.
import { type FormEvent, useEffect, useState } from 'react';
import { belongsOnPhone, PHONE_APP } from '../../client/landing.ts';
import { signInRefusal } from '../../client/http.ts';
import { api } from '../api.ts';
import { useResource } from '../data.ts';
import { errorText } from '../errors.ts';
import { t } from '../i18n.ts';
import { signIn } from '../session.ts';
import { Button, Field, LangSwitch, Notice } from '../ui.tsx';

/** Where to go after signing in: a page of the phone app named by ?next=, else its home. */
export function nextTarget(): string {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith(`${PHONE_APP}`) && !next.startsWith('//') && !next.startsWith(`${PHONE_APP}/login`) ? next : PHONE_APP;
}

export default function Login() {
  const meta = useResource('meta', () => api<{ countyName: string }>('/public/meta'));
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
      const me = await signIn(username.trim(), password);
      // A page load, not a client-side step: field.html's early reads of the grid were made
      // before there was a session (401) and must be made again with it. A desk account goes on
      // to the staff app.
      location.replace(belongsOnPhone(me.user.role) ? nextTarget() : '/');
    } catch (err) {
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
        <div className="login-mark" aria-hidden="true" />
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
