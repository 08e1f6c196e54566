// The device cookie of OWASP's "Slow Down Online Guessing Attacks with Device Cookies": a
// browser that signed in to an account gets a cookie naming that account, signed by the server.
// Carrying it, the browser keeps its own quota of guesses for that account even while the
// account refuses new devices (someone guessing from many addresses) or the address refuses
// them (someone spraying made-up usernames from the same office network).
//
// One cookie per account the browser signed in to (a shared office computer keeps each), its
// name a keyed hash of the username so the cookie does not show it; only sent to the sign-in
// route. The signature is an HMAC with the data keyring's index key (crypto.ts), which every
// instance shares, under its own label so it can never equal another keyed hash.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FieldCrypto } from '../../platform/crypto.ts';

export const DEVICE_COOKIE_PATH = '/api/v1/auth/login';
export const DEVICE_COOKIE_MAX_AGE_S = 180 * 24 * 3600;

const sign = (crypto: FieldCrypto, nonce: string, username: string) => crypto.index(`sign-in device cookie\u0000${nonce}\u0000${username}`);

export const deviceCookieName = (crypto: FieldCrypto, username: string): string =>
  `gg_dev_${crypto.index(`sign-in device cookie name\u0000${username}`).slice(0, 12)}`;

/** A fresh cookie value for a browser that just signed in as `username`. */
export function newDeviceCookie(crypto: FieldCrypto, username: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${sign(crypto, nonce, username)}`;
}

/** The browser's id if its cookie is genuine and was issued for `username`; else null. */
export function trustedDevice(crypto: FieldCrypto, username: string, cookie: string | undefined): string | null {
  const match = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(cookie ?? '');
  if (!match?.[1] || !match[2]) return null;
  const expected = Buffer.from(sign(crypto, match[1], username));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : null;
}
