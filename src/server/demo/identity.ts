// Invented ID and mobile numbers. Every ID number uses an area code whose prefecture digits
// are 99 — no such prefecture exists in GB/T 2260 — so no generated number can be a real
// person's. Locals carry the county's own code (3399NN); people from elsewhere carry PP99NN,
// the same NN, so two demo counties in one database never share an area code.
import { idNumberCheckDigit } from '../../shared/id-number.ts';
import type { Rng } from './prng.ts';

const OTHER_PROVINCES = ['11', '13', '32', '34', '35', '36', '37', '41', '42', '43', '44', '45', '50', '51', '52'] as const;
const EPOCH = Date.UTC(1900, 0, 1);
const DAY_MS = 86_400_000;

export interface DemoIdentity {
  idNumber: string;
  birthDate: string;
  gender: 'male' | 'female';
}

/**
 * Makes ID numbers unique without remembering them: a counter per (area, birth day, gender)
 * hands out the 3-digit sequence, odd for men and even for women, as the standard has it.
 * The counters take 2 bytes each (≈2.6 MB), whatever the number of people.
 */
export class IdNumberFactory {
  private readonly areas: string[];
  private readonly days: number;
  private readonly counters: Uint16Array;

  constructor(countyCode: string, private readonly today: string) {
    const suffix = countyCode.slice(4, 6);
    this.areas = [countyCode, ...OTHER_PROVINCES.map((p) => `${p}99${suffix}`)];
    this.days = Math.floor((Date.parse(`${today}T00:00:00Z`) - EPOCH) / DAY_MS) + 1;
    this.counters = new Uint16Array(this.areas.length * this.days * 2);
  }

  /** `local`: registered in this county; otherwise an area elsewhere. Age in whole years. */
  make(rng: Rng, local: boolean, age: number, gender: 'male' | 'female'): DemoIdentity {
    const area = local ? 0 : 1 + rng.int(this.areas.length - 1);
    // A birthday somewhere in the year that gives this age today.
    let day = this.days - 1 - Math.floor((age + rng.next()) * 365.25);
    day = Math.max(0, Math.min(this.days - 1, day));
    const g = gender === 'male' ? 1 : 0;
    for (;;) {
      const slot = (area * this.days + day) * 2 + g;
      const used = this.counters[slot] ?? 0;
      if (used < 500) {
        this.counters[slot] = used + 1;
        const birth = new Date(EPOCH + day * DAY_MS).toISOString().slice(0, 10);
        const first17 = `${this.areas[area] ?? ''}${birth.replace(/-/g, '')}${String(used * 2 + g).padStart(3, '0')}`;
        return { idNumber: `${first17}${idNumberCheckDigit(first17)}`, birthDate: birth, gender };
      }
      // 500 people of one sex born on one day in one area: the next day has room.
      day = day + 1 < this.days ? day + 1 : 0;
    }
  }
}

const MOBILE_SECOND = '3456789';
/** A mainland mobile number: 1, then 3–9, then nine digits. */
export function demoMobile(rng: Rng): string {
  return `1${MOBILE_SECOND.charAt(rng.int(7))}${String(rng.int(1_000_000_000)).padStart(9, '0')}`;
}
