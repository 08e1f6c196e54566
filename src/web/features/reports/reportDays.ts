// Days and clock times of the daily report, always in the county's time zone (not the phone's).
import { useQuery } from '@tanstack/react-query';
import { fetchPublicMeta } from '../auth/auth.api.ts';

/** How far back a grid may still file (or correct) a report. */
export const FILE_DAYS_BACK = 7;
const FALLBACK_ZONE = 'Asia/Shanghai';

/** The county's zone from the public meta (cached for the session). */
export function useCountyZone(): string {
  const meta = useQuery({ queryKey: ['public', 'meta'], queryFn: fetchPublicMeta, staleTime: Infinity });
  return meta.data?.timeZone ?? FALLBACK_ZONE;
}

/** YYYY-MM-DD of an instant in the zone. */
export function dayIn(zone: string, at: Date = new Date()): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** A YYYY-MM-DD day moved by n days (calendar arithmetic, no zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** "11月29日" / "29 Nov" for a YYYY-MM-DD day. */
export function shortDay(day: string, english: boolean): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return english
    ? new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(d)
    : `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** HH:MM of the deadline, whether the server sends "17:00" or the deadline's instant. */
export function clockOf(deadline: string, zone: string): string {
  if (/^\d{2}:\d{2}/.test(deadline)) return deadline.slice(0, 5);
  const at = new Date(deadline);
  if (Number.isNaN(at.getTime())) return deadline;
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/** HH:MM of an instant in the zone. */
export function timeOf(iso: string, zone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false }).format(at);
}

/** Whether the deadline of `day` has passed (only decidable when the server sends an instant). */
export function isPastDeadline(deadline: string, day: string, zone: string, now: Date = new Date()): boolean {
  const today = dayIn(zone, now);
  if (day < today) return true;
  if (day > today) return false;
  if (/^\d{2}:\d{2}$/.test(deadline)) return timeOf(now.toISOString(), zone) >= deadline;
  const at = new Date(deadline);
  return !Number.isNaN(at.getTime()) && now.getTime() > at.getTime();
}

/** The day a page's `?date=` asks for, when it is a real day in [earliest, today]; else today. */
export function dayFromParam(asked: string | null, today: string, earliest = '0000-00-00'): string {
  const day = asked ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && day <= today && day >= earliest ? day : today;
}
