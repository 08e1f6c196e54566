// Dates shown in the county's time zone, in the user's language.
import { currentLanguage } from '../app/i18n.ts';

let timeZone = 'Asia/Shanghai';
export const setDisplayTimeZone = (zone: string): void => {
  timeZone = zone;
};
/** The county's zone, for pages that place times on a day × hour grid. */
export const displayTimeZone = (): string => timeZone;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}
