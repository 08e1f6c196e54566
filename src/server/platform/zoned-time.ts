// Wall-clock times of the county (a deadline "17:00" on a day) as UTC instants, for any IANA
// zone: the zone's offset is read at the guessed instant and checked once more, so a day on
// which daylight saving changes still lands on the right hour.
const partFormatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(timeZone: string, at: number): number {
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return asUtc - Math.floor(at / 1000) * 1000;
}

/** The UTC instant of `hhmm` (HH:MM) on `day` (YYYY-MM-DD) in `timeZone`. */
export function zonedInstant(day: string, hhmm: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let at = wall - offsetMs(timeZone, wall);
  const again = wall - offsetMs(timeZone, at);
  if (again !== at) at = again;
  return new Date(at);
}

/** [start, end) of the county day `day`, as UTC ISO strings (for created_at ranges). */
export function dayRangeUtc(day: string, timeZone: string, nextDay: string): [string, string] {
  return [zonedInstant(day, '00:00', timeZone).toISOString(), zonedInstant(nextDay, '00:00', timeZone).toISOString()];
}

/** The county's wall-clock time of `at` as HH:MM. */
export function clockIn(timeZone: string, at: Date): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute}`;
}

/** `at(day, hour, minute)`: a wall-clock time of the county as a UTC ISO instant. */
export const wallClockIn =
  (timeZone: string) =>
  (day: string, hour: number, minute: number): string =>
    zonedInstant(day, `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`, timeZone).toISOString();

/** Zones change their offset at a quarter hour of UTC at the finest (India's and Nepal's halves and quarters included). */
const OFFSET_STEP_MS = 15 * 60_000;

/**
 * A writer of instants as the county's wall clock to the minute (YYYY-MM-DD HH:mm), for exports
 * of many rows: the zone's offset is looked up once per quarter hour of UTC the rows fall in,
 * not once a row (Intl's formatToParts was a sixth of a county export's time on the event loop).
 */
export function wallClockMinutes(timeZone: string): (at: Date) => string {
  const offsets = new Map<number, number>();
  const two = (n: number) => String(n).padStart(2, '0');
  return (at) => {
    const ms = at.getTime();
    const step = Math.floor(ms / OFFSET_STEP_MS);
    let offset = offsets.get(step);
    if (offset === undefined) {
      offset = offsetMs(timeZone, step * OFFSET_STEP_MS);
      offsets.set(step, offset);
    }
    const wall = new Date(ms + offset);
    return `${wall.getUTCFullYear()}-${two(wall.getUTCMonth() + 1)}-${two(wall.getUTCDate())} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}`;
  };
}
