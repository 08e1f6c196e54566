// Invented people for tests: valid ID numbers (GB 11643 check digit) and mobile numbers.
import { idNumberCheckDigit } from '../../src/shared/id-number.ts';

let seq = 0;
/** A valid 18-character ID number of an invented person born on `birth` (YYYYMMDD). */
export function anIdNumber(birth = '19850312', area = '339901'): string {
  seq += 1;
  const first17 = `${area}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
}
export const aMobile = (n = seq): string => `139${String(10_000_000 + (n % 90_000_000)).slice(-8)}`;
