import { describe, expect, it } from 'vitest';
import { TRACKING_CODE_RE, normaliseTrackingCode } from '../../../shared/tips.ts';
import { ephemeralFieldCrypto } from '../../platform/crypto.ts';
import { bigramDice, isDuplicate, normalisePlace } from './duplicates.ts';
import { addMonths } from './tip-ledger.ts';
import { newTrackingCode, trackingHash } from './tracking-code.ts';

describe('tracking codes', () => {
  it('writes 80 bits as 16 Crockford symbols in four groups', () => {
    expect(newTrackingCode(Buffer.alloc(10, 0))).toBe('0000-0000-0000-0000');
    expect(newTrackingCode(Buffer.alloc(10, 0xff))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    // 0x01 in the last byte is the lowest bit: the last symbol is 1.
    expect(newTrackingCode(Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe('0000-0000-0000-0001');
    expect(newTrackingCode(Buffer.from([0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('1000-0000-0000-0000');
    expect(() => newTrackingCode(Buffer.alloc(9))).toThrow();
  });

  it('draws fresh random codes that always parse back to themselves', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const code = newTrackingCode();
      expect(code).toMatch(TRACKING_CODE_RE);
      expect(normaliseTrackingCode(code)).toBe(code);
      seen.add(code);
    }
    expect(seen.size).toBe(2000);
    // Every symbol of the alphabet shows up: the bits are spread over all 32.
    const symbols = new Set([...seen].join('').replace(/-/g, ''));
    expect(symbols.size).toBe(32);
  });

  it('accepts a code typed back loosely, refuses what is not one', () => {
    expect(normaliseTrackingCode(' abcd efgh-jkmn-pqrs ')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(normaliseTrackingCode('O0IL-1111-2222-3333')).toBe('0011-1111-2222-3333');
    expect(normaliseTrackingCode('abcdefghjkmnpqrs')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(normaliseTrackingCode('ABCD-EFGH-JKMN-PQR')).toBeNull();
    expect(normaliseTrackingCode('ABCD-EFGH-JKMN-PQRU')).toBeNull(); // U is not in the alphabet
    expect(normaliseTrackingCode('<script>')).toBeNull();
  });

  it('stores a keyed hash that depends on the key', () => {
    const a = ephemeralFieldCrypto();
    const b = ephemeralFieldCrypto();
    const code = newTrackingCode();
    expect(trackingHash(a, code)).toBe(trackingHash(a, code));
    expect(trackingHash(a, code)).not.toBe(trackingHash(b, code));
    expect(trackingHash(a, code)).not.toContain(code.replace(/-/g, ''));
  });
});

describe('duplicate tips', () => {
  it('normalises places: spaces, full-width forms and case', () => {
    expect(normalisePlace('  东村   文化礼堂 ')).toBe('东村 文化礼堂');
    expect(normalisePlace('ＡＢＣ\u3000Market')).toBe('abc market');
    expect(normalisePlace(null)).toBe('');
  });

  it('scores character bigrams with the Dice coefficient', () => {
    expect(bigramDice('东村文化礼堂有人聚集打牌', '东村文化礼堂有人聚集打牌')).toBe(1);
    expect(bigramDice('abcd', 'wxyz')).toBe(0);
    // night/nacht: ni ig gh ht vs na ac ch ht → one shared of eight.
    expect(bigramDice('night', 'nacht')).toBeCloseTo(0.25);
    expect(bigramDice('a', 'a')).toBe(1);
    expect(bigramDice('a', 'b')).toBe(0);
    expect(bigramDice('', '')).toBe(0);
    // Repeated pairs count once each side: "aaaa" has aa×3, "aa" has aa×1 → 2·1/4.
    expect(bigramDice('aaaa', 'aa')).toBeCloseTo(0.5);
    const near = bigramDice('东村文化礼堂有二十多人聚集打牌', '东村文化礼堂里有二十多人在聚集打牌');
    expect(near).toBeGreaterThanOrEqual(0.6);
    expect(bigramDice('菜市场门口很多人没戴口罩', '东村文化礼堂有人办酒席')).toBeLessThan(0.2);
  });

  it('takes the same place or a similar description for a duplicate', () => {
    expect(isDuplicate({ place: '东村 文化礼堂', description: '有人聚集' }, { place: '  东村   文化礼堂 ', description: '完全不同的描述内容' })).toBe(true);
    expect(isDuplicate({ place: null, description: '东村文化礼堂有二十多人聚集打牌' }, { place: null, description: '东村文化礼堂里有二十多人在聚集打牌' })).toBe(true);
    expect(isDuplicate({ place: null, description: '菜市场门口很多人没戴口罩' }, { place: null, description: '东村文化礼堂有人办酒席' })).toBe(false);
    expect(isDuplicate({ place: '', description: '菜市场门口很多人没戴口罩' }, { place: '', description: '东村文化礼堂有人办酒席' })).toBe(false);
  });
});

describe('ledger months', () => {
  it('adds months across years', () => {
    expect(addMonths('2026-11', -5)).toBe('2026-06');
    expect(addMonths('2026-02', -5)).toBe('2025-09');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
  });
});
