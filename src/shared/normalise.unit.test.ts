import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseMobile, toHalfWidth } from './normalise.ts';

describe('normaliseMobile', () => {
  it('accepts mainland mobiles written the ways people write them', () => {
    for (const raw of ['13812345678', '138 1234 5678', '138-1234-5678', '+86 138 1234 5678', '0086-13812345678', '１３８１２３４５６７８']) {
      expect(normaliseMobile(raw)).toEqual({ ok: true, value: '13812345678' });
    }
  });

  it('refuses with the reason', () => {
    expect(normaliseMobile('1381234567')).toEqual({ ok: false, code: 'mobile_length', reason: 'a mobile number has 11 digits, this has 10' });
    expect(normaliseMobile('12812345678')).toMatchObject({ ok: false });
    expect(normaliseMobile('1381234567a')).toMatchObject({ ok: false, reason: 'a mobile number has digits only' });
  });

  it('never accepts anything but 11 digits starting 13–19', () => {
    fc.assert(
      fc.property(fc.string(), (raw) => {
        const r = normaliseMobile(raw);
        return !r.ok || /^1[3-9]\d{9}$/.test(r.value);
      }),
    );
  });
});

describe('toHalfWidth', () => {
  it('maps full-width digits, letters and the ideographic space', () => {
    expect(toHalfWidth('３３０７２７ｘ\u3000Ａ')).toBe('330727x A');
  });
});
