// Days and clock times in the county's time zone, not the phone's or the laptop's: a report is
// due on the county's day, a visit at 22:00 county time is a night visit wherever it is planned.
// Plain functions of (value, zone), unit-tested without the app; countyTime/countyDay (and
// formatDateTime in format.ts) use the display zone that usePublicMeta sets from the public meta.
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone.ts';

const DAY_MS = 86_400_000;

let displayZone = DEFAULT_TIME_ZONE;
export const setDisplayTimeZone = (zone: string): void => {
  displayZone = zone;
};
/** The county's zone, once the public meta has named it. */
export const displayTimeZone = (): string => displayZone;

/** YYYY-MM-DD of an instant in the zone. */
export function dayIn(zone: string, at: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The day (YYYY-MM-DD), hour and "HH:mm" of an instant in the zone. */
export function timeIn(zone: string, iso: string): { day: string; hour: number; hm: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')), hm: `${get('hour')}:${get('minute')}` };
}

/** "HH:mm" of an instant in the zone (the text itself when it is no instant). */
export function timeOf(iso: string, zone: string): string {
  return Number.isNaN(new Date(iso).getTime()) ? iso : timeIn(zone, iso).hm;
}

/** "MM-DD HH:mm" of an instant in the zone, the same in every language (chart axes). */
export function shortStamp(iso: string, zone: string): string {
  const { day, hm } = timeIn(zone, iso);
  return `${day.slice(5)} ${hm}`;
}

/** Night as the contract counts it: visits starting 20:00–06:00 county time. */
export const isNightHour = (hour: number): boolean => hour >= 20 || hour < 6;

/** A YYYY-MM-DD day moved by n days (calendar arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every day from `from` to `to` (YYYY-MM-DD, both included), at most 62. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  const end = new Date(`${to}T00:00:00Z`).getTime();
  for (let t = new Date(`${from}T00:00:00Z`).getTime(); t <= end && out.length < 62; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** "11月29日" / "29 Nov" for a YYYY-MM-DD day. */
export function shortDay(day: string, english: boolean): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return english
    ? new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(d)
    : `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The county-time day, hour and "HH:mm" of an instant. */
export const countyTime = (iso: string) => timeIn(displayTimeZone(), iso);

/** A deadline (a day, or an instant at the end of that day) as the county's day. */
export const countyDay = (value: string): string => (value.length <= 10 ? value : countyTime(value).day);
