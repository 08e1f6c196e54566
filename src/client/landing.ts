// Where a signed-in staff member belongs: the grid's and the patrols' people on a phone use the
// phone app (/field, field.html: light enough for a cheap phone on a weak signal), everyone else
// and everyone at a desk the staff app. Both apps' first scripts ask this, before anything heavy
// loads; it reads only the screen, the user agent and what this browser remembers.
import type { Role } from '../shared/accounts.ts';

/**
 * The roles whose work is done on a phone: they sign in and land on the phone app there. A
 * micro-grid volunteer's light account has nothing but the phone app (the staff app would only
 * show it refusals), on a desk too.
 */
export const PHONE_ROLES: readonly Role[] = ['grid_worker', 'grid_leader', 'patrol_member', 'volunteer'];
const PHONE_ONLY_ROLES: readonly Role[] = ['volunteer'];
export const PHONE_APP = '/field';
export const PHONE_SIGN_IN = '/field/login';
/** The staff app's change-password page: every account, phone or desk, changes its password there. */
export const PASSWORD_PAGE = '/password';
/** In this tab the user chose the staff app on a phone (电脑版): no more sending them back. */
const DESKTOP_CHOICE = 'gridguard.desktop';

/** A narrow screen (below the staff app's phone layout, 768 px) or a phone's or chat app's user agent. */
export function isPhoneDevice(): boolean {
  const narrow = typeof matchMedia === 'function' && matchMedia('(max-width: 767px)').matches;
  return narrow || /Android|iPhone|iPod|Mobile|MicroMessenger|HarmonyOS/i.test(navigator.userAgent);
}

export const belongsOnPhone = (role: Role): boolean => PHONE_ROLES.includes(role);

export function choseDesktop(): boolean {
  try {
    return sessionStorage.getItem(DESKTOP_CHOICE) === '1';
  } catch {
    return false;
  }
}

export function chooseDesktop(): void {
  try {
    sessionStorage.setItem(DESKTOP_CHOICE, '1');
  } catch {
    // Not kept: the staff app may send a phone user back once more.
  }
}

/**
 * For the staff app's first script: the phone app's address when this page should not load the
 * staff app at all (its sign-in or home opened on a phone by a phone user, or by nobody known
 * yet), else null. `role` is the account last signed in on this browser, if any.
 */
export function phoneAppInstead(path: string, role: Role | null): string | null {
  if (role && PHONE_ONLY_ROLES.includes(role) && path === '/') return PHONE_APP;
  if (!isPhoneDevice() || choseDesktop()) return null;
  if (role && !belongsOnPhone(role)) return null;
  if (path === '/login') return PHONE_SIGN_IN;
  if (path === '/') return role ? PHONE_APP : PHONE_SIGN_IN;
  return null;
}

/** After signing in on the staff app's page: the phone app for a phone user on a phone. */
export const landsOnPhoneApp = (role: Role): boolean => PHONE_ONLY_ROLES.includes(role) || (belongsOnPhone(role) && isPhoneDevice() && !choseDesktop());
