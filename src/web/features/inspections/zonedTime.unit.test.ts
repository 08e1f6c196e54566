// The schedule chart places visits by the county's day and hour, and marks the night ones.
import { describe, expect, it } from 'vitest';
import { daysBetween, isNightHour, timeIn } from './zonedTime.ts';

describe('schedule times', () => {
  it('places an instant on the county day and hour, not the UTC one', () => {
    expect(timeIn('Asia/Shanghai', '2026-11-29T16:30:00Z')).toEqual({ day: '2026-11-30', hour: 0, hm: '00:30' });
    expect(timeIn('Asia/Shanghai', '2026-11-29T12:05:00Z')).toEqual({ day: '2026-11-29', hour: 20, hm: '20:05' });
  });

  it('counts 20:00 to 05:59 as night, like the server', () => {
    expect([19, 20, 23, 0, 5, 6].map(isNightHour)).toEqual([false, true, true, true, true, false]);
  });

  it('lists every day of a period, both ends included, across a month end', () => {
    expect(daysBetween('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(daysBetween('2026-12-01', '2026-12-01')).toEqual(['2026-12-01']);
  });
});
