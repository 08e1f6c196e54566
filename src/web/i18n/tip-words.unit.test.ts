// A tip's steps read the same on every screen: the dashboard's short labels and the inbox's
// (and the tracker's) must not name the last step differently (issue 15: 评价 vs 考核).
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';
import { en as tipsEn, zh as tipsZh } from './parts/tips.ts';

describe('the words of a tip’s steps', () => {
  it('names the last step 评价 on the dashboard and in the inbox', () => {
    expect(zhCN.dashboard.tipStatus.evaluated).toBe('评价');
    expect(tipsZh.statuses.evaluated).toBe('评价');
    expect(tipsZh.actions.evaluate).toBe('评价');
  });

  it('uses one English word too', () => {
    expect(en.dashboard.tipStatus.evaluated).toBe(tipsEn.statuses.evaluated);
  });
});
