// County calendar days for the quarantine pages: the last day counts, overdue starts the day
// after it, and days are the county's (Asia/Shanghai), not the phone's or UTC.
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, daysBetween, orderTiming, shortStamp } from './days.ts';

describe('quarantine days', () => {
  it('takes the day in the county zone, not UTC', () => {
    // 17:30 UTC on the 1st is already the 2nd in Shanghai.
    expect(dayIn('Asia/Shanghai', new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02');
    expect(shortStamp('2026-03-01T17:30:00Z', 'Asia/Shanghai')).toBe('03-02 01:30');
  });

  it('adds days across months and counts them back', () => {
    expect(addDays('2026-02-20', 13)).toBe('2026-03-05');
    expect(daysBetween('2026-02-20', '2026-03-05')).toBe(13);
    expect(daysBetween('2026-03-05', '2026-03-01')).toBe(-4);
  });

  it('says an active order is due on its last day and overdue only the day after', () => {
    expect(orderTiming({ status: 'active', endOn: '2026-03-05' }, '2026-03-01')).toEqual({ daysLeft: 4, overdue: false, endsToday: false });
    expect(orderTiming({ status: 'active', endOn: '2026-03-05' }, '2026-03-05')).toEqual({ daysLeft: 0, overdue: false, endsToday: true });
    expect(orderTiming({ status: 'active', endOn: '2026-03-05' }, '2026-03-06')).toMatchObject({ overdue: true, daysLeft: -1 });
  });

  it('never calls a released order overdue', () => {
    expect(orderTiming({ status: 'released', endOn: '2026-03-05' }, '2026-03-09')).toMatchObject({ overdue: false, endsToday: false });
  });
});
