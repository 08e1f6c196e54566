// The last /auth/me answer, kept so a reload with no signal still opens the signed-in shell
// (and the outbox) instead of an error page. It holds only the staff member's own account and
// region, never the CSRF token: writes wait for a fresh /auth/me once the server answers.
// Both browser apps read it (the staff app's first script too, to send a phone user to the phone
// app), so it checks the stored shape by hand rather than with zod.
import type { Me } from '../../shared/accounts.ts';
import { values } from '../contract-values.ts';

const KEY = 'gridguard.lastMe';
/** The phone app's first rows of its grid (src/field/first-rows.ts): the account's, forgotten with it. */
export const FIRST_ROWS_KEY = `${KEY}.firstRows`;

export function rememberMe(me: Me): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...me, csrfToken: null }));
  } catch {
    // Private mode or a full quota: the app still works online.
  }
}

export function lastKnownMe(): Me | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as Me;
    return looksLikeMe(stored) ? { ...stored, csrfToken: null } : null;
  } catch {
    return null;
  }
}

export function forgetMe(): void {
  try {
    localStorage.removeItem(KEY);
    localStorage.removeItem(FIRST_ROWS_KEY);
  } catch {
    // Nothing stored.
  }
}

/** The fields the apps rely on, with the right types: anything else is a stale or foreign value. */
export function looksLikeMe(v: unknown): v is Me {
  const me = v as Partial<Me> | null;
  return (
    typeof me === 'object' && me !== null &&
    typeof me.user?.id === 'string' && typeof me.user.username === 'string' && typeof me.user.displayName === 'string' &&
    (values.ROLES as readonly string[]).includes(me.user.role as string) && Number.isInteger(me.user.regionId) &&
    Number.isInteger(me.region?.id) && typeof me.region?.name === 'string' && typeof me.region.level === 'string' &&
    (me.authKind === 'session' || me.authKind === 'token')
  );
}
