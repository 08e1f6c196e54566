// The daily report's deadline and filing window, always in the county's time zone (not the
// phone's); the day and time helpers themselves are in src/web/lib/countyTime.ts.
import { useQuery } from '@tanstack/react-query';
import { dayIn, timeOf } from '../../lib/countyTime.ts';
import { fetchPublicMeta } from '../auth/auth.api.ts';
import { DEFAULT_TIME_ZONE } from '../../../shared/time-zone.ts';

/** How far back a grid may still file (or correct) a report. */
export const FILE_DAYS_BACK = 7;
const FALLBACK_ZONE = DEFAULT_TIME_ZONE;

/** The county's zone from the public meta (cached for the session). */
export function useCountyZone(): string {
  const meta = useQuery({ queryKey: ['public', 'meta'], queryFn: fetchPublicMeta, staleTime: Infinity });
  return meta.data?.timeZone ?? FALLBACK_ZONE;
}

/** HH:MM of the deadline, whether the server sends "17:00" or the deadline's instant. */
export function clockOf(deadline: string, zone: string): string {
  return /^\d{2}:\d{2}/.test(deadline) ? deadline.slice(0, 5) : timeOf(deadline, zone);
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
