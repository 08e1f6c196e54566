import { describe, expect, it } from 'vitest';
import { ephemeralFieldCrypto, maskIdNumber, maskPhone } from './crypto.ts';

describe('field crypto', () => {
  it('round-trips and never repeats a nonce', () => {
    const crypto = ephemeralFieldCrypto();
    const seen = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const enc = crypto.encrypt('339901199001011234');
      expect(crypto.decrypt(enc)).toBe('339901199001011234');
      const nonce = Buffer.from(enc.split('.')[1] ?? '', 'base64url').subarray(0, 12).toString('hex');
      expect(seen.has(nonce)).toBe(false);
      seen.add(nonce);
    }
  });

  it('refuses a tampered ciphertext', () => {
    const crypto = ephemeralFieldCrypto();
    const enc = crypto.encrypt('13900001111');
    const raw = Buffer.from(enc.slice(3), 'base64url');
    raw[14] = (raw[14] ?? 0) ^ 1;
    expect(() => crypto.decrypt(`k1.${raw.toString('base64url')}`)).toThrow();
  });

  it('indexes equal values equally, under a key', () => {
    const a = ephemeralFieldCrypto();
    const b = ephemeralFieldCrypto();
    expect(a.index('13900001111')).toBe(a.index('13900001111'));
    expect(a.index('13900001111')).not.toBe(b.index('13900001111'));
  });

  it('masks ID and phone numbers', () => {
    expect(maskIdNumber('33990119900101123X')).toBe('339901********123X');
    expect(maskPhone('13900001111')).toBe('139****1111');
  });
});
