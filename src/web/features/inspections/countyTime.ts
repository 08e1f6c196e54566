// Times placed in the county's zone (the display zone), not the browser's: a visit at 22:00 in
// the county is a night visit wherever the planner's laptop thinks it is.
import { displayTimeZone } from '../../lib/format.ts';
import { timeIn } from './zonedTime.ts';

export { isNightHour } from './zonedTime.ts';

/** The county-time day (YYYY-MM-DD), hour and "HH:mm" of an instant. */
export const countyTime = (iso: string) => timeIn(displayTimeZone(), iso);

/** A deadline (a day, or an instant at the end of that day) as the county's day. */
export const countyDay = (value: string): string => (value.length <= 10 ? value : countyTime(value).day);
