// When a quarantine order is due, on the county's calendar (days from src/web/lib/countyTime.ts).
import { daysBetween } from '../../lib/countyTime.ts';

/** An order's last day is `endOn`; it is overdue once that day has passed and it is still active. */
export function orderTiming(order: { status: string; endOn: string }, today: string): { daysLeft: number; overdue: boolean; endsToday: boolean } {
  const daysLeft = daysBetween(today, order.endOn);
  const active = order.status === 'active';
  return { daysLeft, overdue: active && daysLeft < 0, endsToday: active && daysLeft === 0 };
}
