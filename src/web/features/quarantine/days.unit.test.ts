// When an order is due, on the county's calendar: the last day counts, overdue starts the day
// after it. (The county-day helpers themselves are tested in src/web/lib/countyTime.unit.test.ts.)
import { describe, expect, it } from 'vitest';
import { orderTiming } from './days.ts';

describe('quarantine days', () => {
  it('says an active order is due on its last day and overdue only the day after', () => {
    expect(orderTiming({ status: 'active', endOn: '2026-03-05' }, '2026-03-01')).toEqual({ daysLeft: 4, overdue: false, endsToday: false });
    expect(orderTiming({ status: 'active', endOn: '2026-03-05' }, '2026-03-05')).toEqual({ daysLeft: 0, overdue: false, endsToday: true });
    expect(orderTiming({ status: 'active', endOn: '2026-03-05' }, '2026-03-06')).toMatchObject({ overdue: true, daysLeft: -1 });
  });

  it('never calls a released order overdue', () => {
    expect(orderTiming({ status: 'released', endOn: '2026-03-05' }, '2026-03-09')).toMatchObject({ overdue: false, endsToday: false });
  });
});
