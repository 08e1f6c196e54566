// Resident ID numbers (居民身份证号码, GB 11643-1999): 6-digit area, 8-digit birth date,
// 3-digit sequence (odd = male), 1 check character. Shared by server and web: no Node or DOM
// imports. Reasons never echo the number: they end up in API errors and import reports.
import { toHalfWidth } from './normalise.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** The oldest plausible birth year: no living person was born before it. */
export const EARLIEST_BIRTH = '1900-01-01';

/** Why an ID number was refused, for messages in the user's language. */
export type IdNumberProblem = 'empty' | 'old_not_digits' | 'length' | 'format' | 'birth_date' | 'birth_before_1900' | 'birth_future' | 'check_digit';

export type IdNumberCheck =
  | { ok: true; value: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; reason: string; code: IdNumberProblem };

/** The GB 11643 (ISO 7064 MOD 11-2) check character of the first 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('idNumberCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

/** Trim, full-width to ASCII, drop spaces (people type "3399 0119…"), lower-case x to X. */
export function normaliseIdNumber(raw: string): string {
  return toHalfWidth(raw).replace(/\s+/g, '').replace(/x$/, 'X');
}

/** 'YYYY-MM-DD' if yyyymmdd is a real calendar day, else null. */
function calendarDay(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/** Today as YYYY-MM-DD in UTC+8, where the numbers are issued (a birth "tomorrow" is refused). */
function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Validates and normalises an ID number. A 15-digit first-generation number (1984–1999 cards,
 * birth year without "19", no check digit) is converted to its 18-character form.
 * `today` (YYYY-MM-DD) is for tests; the default is today in China.
 */
export function validateIdNumber(raw: string, today: string = chinaToday()): IdNumberCheck {
  let value = normaliseIdNumber(raw);
  if (value.length === 0) return { ok: false, code: 'empty', reason: 'the ID number is empty' };
  if (value.length === 15) {
    if (!/^\d{15}$/.test(value)) return { ok: false, code: 'old_not_digits', reason: 'a 15-digit ID number has digits only' };
    // First-generation numbers were issued to people born 1900–1999 only.
    const first17 = `${value.slice(0, 6)}19${value.slice(6)}`;
    value = `${first17}${idNumberCheckDigit(first17)}`;
  } else if (value.length !== 18) {
    return { ok: false, code: 'length', reason: `an ID number has 18 characters (or 15 digits for an old one), this has ${value.length}` };
  } else if (!/^\d{17}[\dX]$/.test(value)) {
    return { ok: false, code: 'format', reason: 'an ID number has 17 digits followed by a digit or X' };
  }
  const birthDate = calendarDay(value.slice(6, 14));
  if (!birthDate) return { ok: false, code: 'birth_date', reason: 'the birth date in the ID number (characters 7–14) is not a real calendar date' };
  if (birthDate < EARLIEST_BIRTH) return { ok: false, code: 'birth_before_1900', reason: 'the birth date in the ID number is before 1900' };
  if (birthDate > today) return { ok: false, code: 'birth_future', reason: 'the birth date in the ID number is in the future' };
  if (idNumberCheckDigit(value.slice(0, 17)) !== value.charAt(17)) {
    return { ok: false, code: 'check_digit', reason: 'the check digit (last character) of the ID number is wrong: a character was probably mistyped' };
  }
  const gender = Number(value.charAt(16)) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value, birthDate, gender };
}
