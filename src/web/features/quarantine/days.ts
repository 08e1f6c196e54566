// Calendar days in the county's time zone (not the phone's): "today", "tomorrow", days left.
// Pure functions (unit-tested); the hook that reads the county's zone is in useCountyDays.ts.

export function dayIn(zone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** YYYY-MM-DD plus n days, computed on the calendar (no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An order's last day is `endOn`; it is overdue once that day has passed and it is still active. */
export function orderTiming(order: { status: string; endOn: string }, today: string): { daysLeft: number; overdue: boolean; endsToday: boolean } {
  const daysLeft = daysBetween(today, order.endOn);
  const active = order.status === 'active';
  return { daysLeft, overdue: active && daysLeft < 0, endsToday: active && daysLeft === 0 };
}

/** "MM-DD HH:mm" of an instant in the county's zone, the same in every language (chart axes). */
export function shortStamp(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}
