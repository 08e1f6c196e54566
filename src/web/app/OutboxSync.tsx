// Mounted once in the signed-in shell for the roles that register: keeps the outbox moving on
// every page (forms and daily reports queued on a desk; the phone app's changes when the same
// account opens the staff app). Renders nothing.
import { useEffect } from 'react';
import { REGISTRARS } from '../../shared/accounts.ts';
import { runnerFor, setRunnerHooks } from '../../client/offline/runners.ts';
import { setCsrfToken } from '../lib/api.ts';
import { queryClient } from '../lib/queryClient.ts';
import { useMe } from './auth.tsx';

setRunnerHooks({
  onSession: (fresh) => {
    setCsrfToken(fresh.csrfToken);
    queryClient.setQueryData(['auth', 'me'], fresh);
  },
  onSynced: () => void queryClient.invalidateQueries({ queryKey: ['households'] }),
});

export function OutboxSync() {
  const me = useMe();
  const registers = REGISTRARS.includes(me.user.role);
  useEffect(() => {
    if (!registers) return;
    return runnerFor(me).start();
  }, [me.user.id, registers]); // `me` itself changes with every /auth/me answer; the account does not
  // A shell opened offline runs on the remembered account without a CSRF token: ask again
  // as soon as there is signal, so the online pages can write too.
  const stale = me.authKind === 'session' && !me.csrfToken;
  useEffect(() => {
    if (!stale) return;
    const refresh = () => void queryClient.invalidateQueries({ queryKey: ['auth', 'me'] });
    window.addEventListener('online', refresh);
    return () => window.removeEventListener('online', refresh);
  }, [stale]);
  return null;
}
