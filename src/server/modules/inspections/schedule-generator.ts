// The unannounced-inspection schedule (24小时不定期督查), as a pure function of its inputs and a
// random source, so its properties can be tested without a database:
// - every village gets exactly `visitsPerVillage` visits (balanced, none missed);
// - a village's visits are stratified: the period is cut into `visitsPerVillage` windows and each
//   visit falls on a random day of its own window, so they are never bunched together;
// - the minute of the day is uniform over all 24 hours, night included (office hours would be
//   a pattern a village could learn);
// - no two visits of the team closer than MIN_GAP_MINUTES when that is possible at all;
// - the villages are taken in random order, so the first days favour no one.
import { randomInt } from 'node:crypto';
import { addDays } from '../../platform/time.ts';
import { zonedInstant } from '../../platform/zoned-time.ts';

/** An integer in [0, n): crypto.randomInt in production, a seeded generator in tests. */
export type RandomInt = (n: number) => number;

export const MIN_GAP_MINUTES = 30;
/** Tries for a slot clear of the team's other visits before one is accepted as it falls. */
const MAX_TRIES = 24;
const MINUTES_A_DAY = 24 * 60;

export interface PlanInput {
  villageIds: readonly number[];
  /** County days, inclusive. */
  from: string;
  to: string;
  visitsPerVillage: number;
  timeZone: string;
  /** Minutes of the first day already gone (a schedule starting today): visits fall after them. */
  firstDayFrom?: number;
}

export interface PlannedVisit {
  regionId: number;
  /** The county day and minute of the day the visit starts. */
  day: string;
  minute: number;
  /** The same moment as a UTC ISO instant. */
  at: string;
}

export const cryptoRandomInt: RandomInt = (n) => randomInt(n);

export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Visits starting 20:00–06:00 county time count as night visits. */
export const isNightMinute = (minute: number) => minute >= 20 * 60 || minute < 6 * 60;

function shuffled<T>(items: readonly T[], random: RandomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The instant of a county day's minute. Intl is slow (a county-wide schedule asks hundreds of
 * thousands of times), so each day's midnight is computed once; a day whose length is not 24 h
 * (a daylight-saving change, in zones that have one) takes the exact path.
 */
function instantsOf(timeZone: string) {
  const days = new Map<string, { start: number; exact: boolean }>();
  return (day: string, minute: number): Date => {
    let d = days.get(day);
    if (!d) {
      const start = zonedInstant(day, '00:00', timeZone).getTime();
      const next = zonedInstant(addDays(day, 1), '00:00', timeZone).getTime();
      d = { start, exact: next - start === MINUTES_A_DAY * 60_000 };
      days.set(day, d);
    }
    return d.exact ? new Date(d.start + minute * 60_000) : zonedInstant(day, hhmm(minute), timeZone);
  };
}

export function planVisits(input: PlanInput, random: RandomInt = cryptoRandomInt): PlannedVisit[] {
  const days = daysBetween(input.from, input.to);
  const instantOf = instantsOf(input.timeZone);
  if (days.length === 0 || input.visitsPerVillage < 1) return [];
  const perVillage = input.visitsPerVillage;
  const taken = new Map<number, number[]>(); // MIN_GAP bucket → epoch minutes of visits in it
  const gapBucket = (epochMinute: number) => Math.floor(epochMinute / MIN_GAP_MINUTES);
  const clash = (epochMinute: number) => {
    const b = gapBucket(epochMinute);
    for (const k of [b - 1, b, b + 1]) for (const other of taken.get(k) ?? []) if (Math.abs(other - epochMinute) < MIN_GAP_MINUTES) return true;
    return false;
  };
  const visits: PlannedVisit[] = [];
  for (const regionId of shuffled(input.villageIds, random)) {
    for (let k = 0; k < perVillage; k++) {
      // The k-th window of the period; with more visits than days a window is one day wide.
      const start = Math.floor((k * days.length) / perVillage);
      const end = Math.max(start + 1, Math.floor(((k + 1) * days.length) / perVillage));
      let pick: { day: string; minute: number; at: Date } | null = null;
      for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
        const day = days[start + random(end - start)] as string;
        const earliest = day === input.from ? Math.min(input.firstDayFrom ?? 0, MINUTES_A_DAY - 1) : 0;
        const minute = earliest + random(MINUTES_A_DAY - earliest);
        const at = instantOf(day, minute);
        pick = { day, minute, at };
        if (!clash(at.getTime() / 60_000)) break;
      }
      if (!pick) continue;
      const epochMinute = pick.at.getTime() / 60_000;
      const bucket = gapBucket(epochMinute);
      taken.set(bucket, [...(taken.get(bucket) ?? []), epochMinute]);
      visits.push({ regionId, day: pick.day, minute: pick.minute, at: pick.at.toISOString() });
    }
  }
  return visits.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
