// The 14-day trend names today 今日 / 进行中 under the axis, in the axis label, and puts no label on
// the plot: the label beside today's point ran into the dashed line, the previous point and the
// right-hand axis at 1366 and at 1920 (issue 15, item 7).
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { StatsTrend } from '../../../shared/stats.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { regionBarsFor, trendOption } from './charts.ts';

const words = zhCN.dashboard as unknown as Record<string, string>;
const t = ((key: string) => words[key.replace('dashboard.', '')] ?? key) as unknown as TFunction;

const trend = (today: string): StatsTrend => ({
  regionId: 1,
  name: '示范县',
  from: '2026-11-23',
  to: today,
  days: Array.from({ length: 14 }, (_, i) => ({
    date: new Date(Date.UTC(2026, 10, 23 + i)).toISOString().slice(0, 10),
    grids: 100, filed: i === 13 ? 24 : 90, onTime: 80, late: 10, returned: 0, zero: 50, checkpointsRemoved: i % 4, figures: {},
  })),
}) as StatsTrend;

type Series = { label?: { show?: boolean }; data: unknown[] };

describe('the dashboard’s trend chart', () => {
  it('labels today 今日 / 进行中 on the axis and nothing beside the point', () => {
    const option = trendOption(trend('2026-12-06'), t, '2026-12-06');
    const labels = (option.xAxis as { data: string[] }).data;
    expect(labels.at(-1)).toBe('今日\n进行中');
    expect(labels.at(-2)).toBe('12-05');
    const series = option.series as Series[];
    expect(series).toHaveLength(3);
    expect(series.filter((s) => s.label?.show)).toEqual([]);
    // The finished days' line stops before today; today's dashed line joins yesterday to today.
    expect(series[1]?.data.at(-1)).toBeNull();
    expect(series[2]?.data.slice(-2)).toEqual([90, 24]);
  });

  it('draws a finished last day as any other', () => {
    const option = trendOption(trend('2026-12-06'), t, '2026-12-07');
    expect((option.xAxis as { data: string[] }).data.at(-1)).toBe('12-06');
    expect(option.series as Series[]).toHaveLength(2);
  });
});

describe('the by-region panel’s bars', () => {
  it('labels no more regions than fit one to a 20-px row', () => {
    // 1366×768 and 1440×900 (scale 1), 1920×1080, and walls drawn at 1.33 and 2.
    expect(regionBarsFor(768)).toBe(6);
    expect(regionBarsFor(900)).toBe(8);
    expect(regionBarsFor(1080)).toBe(11);
    expect(regionBarsFor(1440, 1.33)).toBe(11);
    expect(regionBarsFor(2160, 2)).toBe(11);
  });
});
