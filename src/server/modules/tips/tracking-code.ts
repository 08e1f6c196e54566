// Tracking codes for tips: 80 random bits from the system's CSPRNG, written in Crockford's
// base32 as four groups of four. Only a keyed hash of the code is stored, so neither staff nor
// a copy of the database can follow a tip as its reporter.
import { randomBytes } from 'node:crypto';
import { TRACKING_CODE_ALPHABET } from '../../../shared/tips.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';

/** 16 symbols of 5 bits each, from 10 random bytes. */
export function newTrackingCode(bytes: Buffer = randomBytes(10)): string {
  if (bytes.length !== 10) throw new Error('a tracking code takes exactly 10 random bytes');
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 15; i >= 0; i--) out += TRACKING_CODE_ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12)}`;
}

/** What is stored and looked up: the hash of a normalised code. */
export const trackingHash = (crypto: FieldCrypto, normalisedCode: string): string => crypto.index(`tip:${normalisedCode}`);
