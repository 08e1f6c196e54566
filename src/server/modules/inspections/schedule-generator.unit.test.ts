import { describe, expect, it } from 'vitest';
import { MIN_GAP_MINUTES, type RandomInt, daysBetween, isNightMinute, planVisits } from './schedule-generator.ts';

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(seed: number): RandomInt {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(r * n);
  };
}

const TZ = 'Asia/Shanghai';
const villages = Array.from({ length: 12 }, (_, i) => 100 + i);
const base = { villageIds: villages, from: '2026-12-01', to: '2026-12-14', visitsPerVillage: 3, timeZone: TZ };
const countBy = <T>(items: T[], key: (t: T) => string | number) => items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string | number, number>());

describe('the inspection schedule generator', () => {
  it('visits every village exactly visitsPerVillage times, none missed', () => {
    const visits = planVisits(base, seeded(1));
    expect(visits).toHaveLength(villages.length * 3);
    const counts = countBy(visits, (v) => v.regionId);
    expect([...counts.keys()].sort()).toEqual(villages);
    expect([...counts.values()].every((n) => n === 3)).toBe(true);
  });

  it('keeps every visit inside the period, in the county’s time zone, sorted by time', () => {
    const visits = planVisits(base, seeded(2));
    const days = new Set(daysBetween(base.from, base.to));
    for (const v of visits) {
      expect(days.has(v.day)).toBe(true);
      const local = new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(v.at));
      const hh = String(Math.floor(v.minute / 60)).padStart(2, '0');
      const mm = String(v.minute % 60).padStart(2, '0');
      expect(local).toBe(`${v.day}, ${hh}:${mm}`);
    }
    expect(visits.map((v) => v.at)).toEqual([...visits.map((v) => v.at)].sort());
  });

  it('places visits at the county’s wall-clock time across a daylight-saving change', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const visits = planVisits({ villageIds: villages, from: '2026-10-31', to: '2026-11-02', visitsPerVillage: 3, timeZone: 'America/New_York' }, seeded(6));
    for (const v of visits) {
      // 01:00–01:59 happens twice on 2026-11-01; any other minute must read back exactly.
      if (v.day === '2026-11-01' && v.minute >= 60 && v.minute < 120) continue;
      const hh = String(Math.floor(v.minute / 60)).padStart(2, '0');
      expect(fmt.format(new Date(v.at))).toBe(`${v.day}, ${hh}:${String(v.minute % 60).padStart(2, '0')}`);
    }
  });

  it('spreads a village’s visits over the period: one in each stratum of it', () => {
    const visits = planVisits({ ...base, visitsPerVillage: 2 }, seeded(3));
    for (const id of villages) {
      const own = visits.filter((v) => v.regionId === id).map((v) => v.day).sort();
      expect(own[0]! <= '2026-12-07').toBe(true);
      expect(own[1]! >= '2026-12-08').toBe(true);
    }
  });

  it('with more visits than days still gives each village its count', () => {
    const visits = planVisits({ villageIds: [1, 2], from: '2026-12-01', to: '2026-12-02', visitsPerVillage: 5, timeZone: TZ }, seeded(4));
    expect(countBy(visits, (v) => v.regionId)).toEqual(new Map([[1, 5], [2, 5]]));
  });

  it('keeps the team’s visits at least 30 minutes apart when there is room', () => {
    for (let seed = 10; seed < 20; seed++) {
      const visits = planVisits(base, seeded(seed));
      for (let i = 1; i < visits.length; i++) {
        const gap = (Date.parse(visits[i]!.at) - Date.parse(visits[i - 1]!.at)) / 60_000;
        expect(gap).toBeGreaterThanOrEqual(MIN_GAP_MINUTES);
      }
    }
  });

  it('uses every hour of the day and night evenly over many runs (chi-square sanity)', () => {
    const hours = new Array<number>(24).fill(0);
    let night = 0;
    let small = 0; // 00:00–08:00: a third of the day
    let total = 0;
    for (let seed = 100; seed < 160; seed++) {
      for (const v of planVisits(base, seeded(seed))) {
        hours[Math.floor(v.minute / 60)]! += 1;
        if (isNightMinute(v.minute)) night += 1;
        if (v.minute < 8 * 60) small += 1;
        total += 1;
      }
    }
    const expected = total / 24;
    const chi2 = hours.reduce((s, n) => s + (n - expected) ** 2 / expected, 0);
    // 23 degrees of freedom: the 99.9th percentile is 49.7.
    expect(chi2).toBeLessThan(49.7);
    expect(small / total).toBeGreaterThan(0.3);
    expect(small / total).toBeLessThan(0.37);
    // 20:00–06:00 is ten hours of the 24.
    expect(night / total).toBeGreaterThan(10 / 24 - 0.04);
    expect(night / total).toBeLessThan(10 / 24 + 0.04);
  });

  it('is deterministic for a seed and different from run to run otherwise', () => {
    expect(planVisits(base, seeded(42))).toEqual(planVisits(base, seeded(42)));
    const a = planVisits(base);
    const b = planVisits(base);
    expect(a.map((v) => `${v.regionId}@${v.at}`)).not.toEqual(b.map((v) => `${v.regionId}@${v.at}`));
  });

  it('takes the villages in random order: the first visit is not always the same village', () => {
    const firsts = new Set<number>();
    for (let seed = 200; seed < 230; seed++) firsts.add(planVisits({ ...base, visitsPerVillage: 1 }, seeded(seed))[0]!.regionId);
    expect(firsts.size).toBeGreaterThan(5);
  });

  it('starting today, puts today’s visits after the minutes already gone', () => {
    const visits = planVisits({ ...base, from: '2026-12-01', to: '2026-12-01', visitsPerVillage: 2, firstDayFrom: 20 * 60 }, seeded(7));
    expect(visits).toHaveLength(24);
    expect(visits.every((v) => v.minute >= 20 * 60)).toBe(true);
  });

  it('plans nothing for an empty period', () => {
    expect(planVisits({ ...base, from: '2026-12-02', to: '2026-12-01' }, seeded(5))).toEqual([]);
  });
});
