import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckDigit, validateIdNumber } from './id-number.ts';

const TODAY = '2024-06-01';

/** Any plausible birth day between 1900-01-01 and TODAY. */
const birthDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10).replace(/-/g, ''));
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

const validIdNumber = fc.tuple(digits(6), birthDay, digits(3)).map(([area, birth, seq]) => {
  const first17 = `${area}${birth}${seq}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
});

const FULL_WIDTH_OFFSET = 0xfee0;
const toFullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + FULL_WIDTH_OFFSET));

describe('idNumberCheckDigit', () => {
  it('matches the GB 11643 worked example', () => {
    // The standard's own example: 11010519491231002X.
    expect(idNumberCheckDigit('11010519491231002')).toBe('X');
    expect(idNumberCheckDigit('44052418800101001')).toBe('4');
  });
  it('refuses anything but 17 digits', () => {
    expect(() => idNumberCheckDigit('1234')).toThrow();
  });
});

describe('validateIdNumber', () => {
  it('accepts every generated valid number, with birth date and gender from it', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const r = validateIdNumber(id, TODAY);
        if (!r.ok) return false;
        const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
        const gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
        return r.value === id && r.birthDate === birth && r.gender === gender;
      }),
    );
  });

  it('refuses a number where any one character was changed', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (id, pos, delta) => {
        const alphabet = '0123456789X';
        const current = alphabet.indexOf(id.charAt(pos));
        // Positions 0–16 take digits only; the check position also takes X.
        const size = pos === 17 ? 11 : 10;
        const replaced = alphabet.charAt((current + (delta % size || 1)) % size);
        const mutated = `${id.slice(0, pos)}${replaced}${id.slice(pos + 1)}`;
        return mutated !== id && !validateIdNumber(mutated, TODAY).ok;
      }),
    );
  });

  it('accepts a lower-case x and returns it upper-case', () => {
    const r = validateIdNumber('11010519491231002x', TODAY);
    expect(r).toEqual({ ok: true, value: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
  });

  it('accepts full-width characters and stray spaces', () => {
    fc.assert(
      fc.property(validIdNumber, (id) => {
        const typed = ` ${toFullWidth(id.slice(0, 6))}\u3000${id.slice(6, 14)} ${toFullWidth(id.slice(14).toLowerCase())} `;
        const r = validateIdNumber(typed, TODAY);
        return r.ok && r.value === id;
      }),
    );
  });

  it('converts a 15-digit first-generation number', () => {
    fc.assert(
      fc.property(validIdNumber.filter((id) => id.slice(6, 8) === '19'), (id) => {
        const old = `${id.slice(0, 6)}${id.slice(8, 17)}`;
        const r = validateIdNumber(old, TODAY);
        return r.ok && r.value === id;
      }),
    );
    expect(validateIdNumber('110105491231002', TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
  });

  it.each([
    ['', 'empty'],
    ['1101051949123100', '18 characters'],
    ['11010519491231002Y', '17 digits followed by a digit or X'],
    ['11010549123100A', 'digits only'],
    ['110105194902300028', 'not a real calendar date'],
    ['110105189912310022', 'before 1900'],
    ['110105203001010026', 'in the future'],
    ['110105194912310021', 'check digit'],
  ])('explains why %j is refused (%s)', (raw, reason) => {
    const r = validateIdNumber(raw, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(reason);
      if (raw) expect(r.reason).not.toContain(raw);
    }
  });
});
