// Who is signed in on this phone. A reopen shows the account last seen here at once (its grid
// is in IndexedDB) and asks the server in the background: a 401 sends the worker to sign in, no
// signal keeps the phone's copy (writes wait in the outbox for a fresh CSRF token).
import { useSyncExternalStore } from 'react';
import type { Me } from '../shared/accounts.ts';
import { forgetMe, lastKnownMe, rememberMe } from '../client/offline/me-cache.ts';
import { createStore } from '../client/store.ts';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from './api.ts';

interface Session {
  me: Me | null;
  /** The server has answered /auth/me (or a sign-in) since the page opened. */
  confirmed: boolean;
  /** /auth/me could not reach the server. */
  unreachable: boolean;
}

const session = createStore<Session>({ me: null, confirmed: false, unreachable: false });
const set = (next: Partial<Session>): void => session.set({ ...session.get(), ...next });

export const useSession = (): Session => session.use();
/** The session now, outside a component. */
export const sessionNow = (): Session => session.get();

/** The same account as the pages show it: the CSRF token lives in http.ts, not on the page. */
const sameAccount = (a: Me, b: Me): boolean => JSON.stringify({ ...a, csrfToken: null }) === JSON.stringify({ ...b, csrfToken: null });

/** A fresh answer about this session (sign-in, /auth/me, the sync loop's /auth/me). */
export function sessionAnswered(me: Me): void {
  setCsrfToken(me.csrfToken);
  rememberMe(me);
  const current = session.get();
  // The account remembered on the phone, confirmed (a reopen's /auth/me, every sync run's): the
  // pages keep the object they drew with, so the answer does not render the grid again while a
  // slow phone is still drawing it the first time.
  const kept = current.me && sameAccount(current.me, me) ? current.me : me;
  if (kept === current.me && current.confirmed && !current.unreachable) return;
  set({ me: kept, confirmed: true, unreachable: false });
}

function signedOut(): void {
  setCsrfToken(null);
  forgetMe();
  set({ me: null, confirmed: true, unreachable: false });
}

/** At start: the remembered account at once, then the server's word. */
export async function startSession(): Promise<void> {
  setUnauthenticatedHandler(signedOut);
  const known = lastKnownMe();
  if (known) set({ me: known });
  try {
    sessionAnswered(await api<Me>('/auth/me', { quiet401: true }));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) signedOut();
    else set({ unreachable: true });
  }
}

export async function signIn(username: string, password: string): Promise<Me> {
  const me = await api<Me>('/auth/login', { method: 'POST', body: { username, password }, quiet401: true });
  sessionAnswered(me);
  return me;
}

export async function signOut(): Promise<void> {
  try {
    await api('/auth/logout', { method: 'POST', quiet401: true });
  } catch {
    // Already gone on the server, or no signal: this phone forgets the session either way.
  }
  signedOut();
}

const currentMe = (): Me | null => session.get().me;

/** For pages inside the signed-in frame: renders again only when the account itself changes. */
export function useMe(): Me {
  const me = useSyncExternalStore(session.subscribe, currentMe);
  if (!me) throw new Error('useMe outside the signed-in frame');
  return me;
}
