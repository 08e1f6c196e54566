// The day arithmetic of the report pages (county zone, not the phone's) and the reminder text.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { addDays, dayIn, shortDay } from '../../lib/countyTime.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { gridPlace, reminderText } from './reminder.ts';
import { clockOf, isPastDeadline } from './reportDays.ts';

/** A tiny t over the Chinese catalogue: enough for {{var}} interpolation. */
const t = ((key: string, vars: Record<string, string> = {}) => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zhCN) as string;
  return text.replace(/\{\{(\w+)\}\}/g, (_m, name: string) => vars[name] ?? '');
}) as unknown as TFunction;

describe('report days', () => {
  it('takes the day in the county zone, not UTC', () => {
    expect(dayIn('Asia/Shanghai', new Date('2026-11-28T17:30:00Z'))).toBe('2026-11-29');
  });
  it('moves days across month ends', () => {
    expect(addDays('2026-12-01', -7)).toBe('2026-11-24');
  });
  it('reads the deadline as a clock time whether it comes as HH:MM or an instant', () => {
    expect(clockOf('17:00', 'Asia/Shanghai')).toBe('17:00');
    expect(clockOf('2026-11-29T09:00:00.000Z', 'Asia/Shanghai')).toBe('17:00');
  });
  it('knows when the deadline has passed', () => {
    const deadline = '2026-11-29T09:00:00.000Z';
    expect(isPastDeadline(deadline, '2026-11-29', 'Asia/Shanghai', new Date('2026-11-29T08:59:00Z'))).toBe(false);
    expect(isPastDeadline(deadline, '2026-11-29', 'Asia/Shanghai', new Date('2026-11-29T09:01:00Z'))).toBe(true);
    expect(isPastDeadline(deadline, '2026-11-28', 'Asia/Shanghai', new Date('2026-11-29T01:00:00Z'))).toBe(true);
  });
  it('writes a short day in Chinese', () => {
    expect(shortDay('2026-11-29', false)).toBe('11月29日');
  });
});

describe('reminder text', () => {
  const grid = { regionId: 7, name: '第三网格', parentNames: '城关镇 东河村', returned: false, responsible: [{ userId: 'u', name: '张三', role: 'grid_worker', phone: '19900001111' }] };
  it('names the village, the grid, who is responsible and the deadline', () => {
    expect(gridPlace(grid)).toBe('东河村第三网格');
    expect(reminderText(t, grid, { date: '2026-11-29', today: '2026-11-29', deadline: '17:00', english: false })).toBe(
      '【每日一上报提醒】东河村第三网格（负责人：张三 19900001111）今日（11月29日）报告尚未上报，请于17:00前完成上报。',
    );
  });
  it('says the report was sent back, and leaves out an empty responsible list', () => {
    expect(reminderText(t, { ...grid, returned: true, responsible: [] }, { date: '2026-11-28', today: '2026-11-29', deadline: '17:00', english: false })).toBe(
      '【每日一上报提醒】东河村第三网格11月28日报告已被退回，请修改后于17:00前重新上报。',
    );
  });
});
