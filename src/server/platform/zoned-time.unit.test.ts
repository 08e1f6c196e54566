import { describe, expect, it } from 'vitest';
import { clockIn, dayRangeUtc, zonedInstant } from './zoned-time.ts';

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
});
