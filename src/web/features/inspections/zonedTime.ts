// Pure time helpers of the schedule views (no app state, so unit tests load them alone): the
// day, hour and "HH:mm" of an instant in a given zone, the night hours, the days of a period.

/** Night as the contract counts it: visits starting 20:00–06:00 county time. */
export const isNightHour = (hour: number): boolean => hour >= 20 || hour < 6;

export function timeIn(zone: string, iso: string): { day: string; hour: number; hm: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')), hm: `${get('hour')}:${get('minute')}` };
}

/** Every day from `from` to `to` (YYYY-MM-DD, both included), at most 62. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  const end = new Date(`${to}T00:00:00Z`).getTime();
  for (let t = new Date(`${from}T00:00:00Z`).getTime(); t <= end && out.length < 62; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
