// The reminder text a village secretary pastes into the grid's chat group, and copying it —
// with a fallback for pages served over plain http, where navigator.clipboard is missing.
import type { TFunction } from 'i18next';
import { shortDay } from '../../lib/countyTime.ts';
import type { MissingGrid } from './reports.api.ts';

export interface ReminderContext {
  date: string;
  today: string;
  deadline: string;
  english: boolean;
}

/** "城南村 第一网格": the village (last of parentNames) and the grid. */
export function gridPlace(grid: { name: string; parentNames: string }): string {
  const village = grid.parentNames.trim().split(/\s+/).pop() ?? '';
  return village && !grid.name.startsWith(village) ? `${village}${grid.name}` : grid.name;
}

export function reminderText(t: TFunction, grid: MissingGrid, ctx: ReminderContext): string {
  const people = grid.responsible.map((p) => (p.phone ? `${p.name} ${p.phone}` : p.name)).join('、');
  const day = shortDay(ctx.date, ctx.english);
  const when = ctx.date === ctx.today ? t('reports.reminder.today', { day }) : t('reports.reminder.onDay', { day });
  const vars = { where: gridPlace(grid), people, when, deadline: ctx.deadline };
  if (grid.returned) return t(people ? 'reports.reminder.returned' : 'reports.reminder.returnedNoOne', vars);
  return t(people ? 'reports.reminder.missing' : 'reports.reminder.missingNoOne', vars);
}

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission refused: try the old way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
