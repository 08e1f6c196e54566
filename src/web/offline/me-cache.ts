// The last /auth/me answer, kept so a reload with no signal still opens the signed-in shell
// (and the outbox) instead of an error page. It holds only the staff member's own account and
// region, never the CSRF token: writes wait for a fresh /auth/me once the server answers.
import { Me } from '../../shared/accounts.ts';

const KEY = 'gridguard.lastMe';

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
    const parsed = Me.safeParse(JSON.parse(raw));
    return parsed.success ? { ...parsed.data, csrfToken: null } : null;
  } catch {
    return null;
  }
}

export function forgetMe(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
