import { describe, expect, it } from 'vitest';
import { clockIn, dayRangeUtc, wallClockMinutes, zonedInstant } from './zoned-time.ts';

describe('zoned wall-clock times', () => {
  it('puts 17:00 China time at 09:00 UTC', () => {
    expect(zonedInstant('2026-11-29', '17:00', 'Asia/Shanghai').toISOString()).toBe('2026-11-29T09:00:00.000Z');
    expect(zonedInstant('2026-11-29', '00:00', 'Asia/Shanghai').toISOString()).toBe('2026-11-28T16:00:00.000Z');
  });
  it('follows daylight saving in other zones', () => {
    expect(zonedInstant('2026-07-01', '17:00', 'America/New_York').toISOString()).toBe('2026-07-01T21:00:00.000Z');
    expect(zonedInstant('2026-12-01', '17:00', 'America/New_York').toISOString()).toBe('2026-12-01T22:00:00.000Z');
    // The day the clocks go forward (2026-03-08): 17:00 is already EDT.
    expect(zonedInstant('2026-03-08', '17:00', 'America/New_York').toISOString()).toBe('2026-03-08T21:00:00.000Z');
    expect(zonedInstant('2026-11-29', '09:30', 'Asia/Kolkata').toISOString()).toBe('2026-11-29T04:00:00.000Z');
    expect(zonedInstant('2026-11-29', '17:00', 'UTC').toISOString()).toBe('2026-11-29T17:00:00.000Z');
  });
  it('gives a day as a UTC range and a wall clock back', () => {
    expect(dayRangeUtc('2026-11-29', 'Asia/Shanghai', '2026-11-30')).toEqual(['2026-11-28T16:00:00.000Z', '2026-11-29T16:00:00.000Z']);
    expect(clockIn('Asia/Shanghai', new Date('2026-11-29T08:05:00Z'))).toBe('16:05');
  });
  it('writes instants as the wall clock to the minute, as Intl does, across daylight-saving changes', () => {
    // Each zone's changes of 2026 (New York, Adelaide's half hour, Lord Howe's half-hour shift), Kathmandu's quarter, and Shanghai.
    const days: [string, string[]][] = [
      ['America/New_York', ['2026-03-08', '2026-11-01']],
      ['Australia/Adelaide', ['2026-04-05', '2026-10-04']],
      ['Australia/Lord_Howe', ['2026-04-05', '2026-10-04']],
      ['Asia/Kathmandu', ['2026-06-01']],
      ['Asia/Shanghai', ['2026-12-31']],
    ];
    for (const [timeZone, dates] of days) {
      const intl = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
      const expected = (at: Date) => {
        const p = Object.fromEntries(intl.formatToParts(at).map((x) => [x.type, x.value]));
        return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
      };
      const clock = wallClockMinutes(timeZone);
      for (const day of dates) {
        // Every 7 minutes 13 seconds over the UTC day before and the day of the change.
        const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
        for (let ms = start; ms < start + 2 * 86_400_000; ms += 433_000) {
          const at = new Date(ms);
          expect(clock(at), `${timeZone} ${at.toISOString()}`).toBe(expected(at));
        }
      }
    }
  });
});
