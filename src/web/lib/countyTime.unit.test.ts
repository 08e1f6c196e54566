// Days and times are the county's (Asia/Shanghai here), not the phone's or UTC: the schedule chart
// places visits by the county's day and hour, the quarantine pages count calendar days.
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, dayRange, daysBetween, isNightHour, shortStamp, timeIn, timeOf } from './countyTime.ts';

describe('county time', () => {
  it('takes the day in the county zone, not UTC', () => {
    // 17:30 UTC on the 1st is already the 2nd in Shanghai.
    expect(dayIn('Asia/Shanghai', new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02');
    expect(shortStamp('2026-03-01T17:30:00Z', 'Asia/Shanghai')).toBe('03-02 01:30');
  });

  it('places an instant on the county day and hour, not the UTC one', () => {
    expect(timeIn('Asia/Shanghai', '2026-11-29T16:30:00Z')).toEqual({ day: '2026-11-30', hour: 0, hm: '00:30' });
    expect(timeIn('Asia/Shanghai', '2026-11-29T12:05:00Z')).toEqual({ day: '2026-11-29', hour: 20, hm: '20:05' });
    expect(timeOf('2026-11-29T16:30:00Z', 'Asia/Shanghai')).toBe('00:30');
  });

  it('counts 20:00 to 05:59 as night, like the server', () => {
    expect([19, 20, 23, 0, 5, 6].map(isNightHour)).toEqual([false, true, true, true, true, false]);
  });

  it('adds days across months and counts them back', () => {
    expect(addDays('2026-02-20', 13)).toBe('2026-03-05');
    expect(daysBetween('2026-02-20', '2026-03-05')).toBe(13);
    expect(daysBetween('2026-03-05', '2026-03-01')).toBe(-4);
  });

  it('lists every day of a period, both ends included, across a month end', () => {
    expect(dayRange('2026-11-29', '2026-12-02')).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    expect(dayRange('2026-12-01', '2026-12-01')).toEqual(['2026-12-01']);
  });
});
