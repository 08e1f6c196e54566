// The ticker says in words what each live event is, the public side's included.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { zhCN } from '../../i18n/zh-CN.ts';
import { describeEvent } from './EventTicker.tsx';
import type { TickerItem } from './useLiveEvents.ts';

const t = i18next.createInstance();
beforeAll(() => t.init({ lng: 'zh-CN', resources: { 'zh-CN': { translation: zhCN } }, interpolation: { escapeValue: false } }));
const event = (type: string, data: Record<string, unknown>): TickerItem => ({ key: 1, type, regionId: 7, regionName: '东村', at: '2026-11-29T08:00:00Z', data }) as TickerItem;
const say = (e: TickerItem) => describeEvent(e, () => null, t.t.bind(t));

describe('describeEvent', () => {
  it('words the public side’s events', () => {
    expect(say(event('tip.updated', { action: 'filed', status: 'received' }))).toBe('东村 收到群众举报');
    expect(say(event('tip.updated', { action: 'handle', status: 'handled' }))).toBe('东村 举报进入「处置」');
    expect(say(event('tip.updated', { action: 'evaluate', status: 'evaluated', number: 'JB-20261206-0042' }))).toBe('东村 举报进入「评价」 JB-20261206-0042');
    expect(say(event('arrival.changed', { status: 'pending' }))).toBe('东村 新增扫码登记');
    expect(say(event('arrival.changed', { status: 'verified' }))).toBe('东村 扫码登记已核实处理');
    expect(say(event('notice.published', { topic: 'policy' }))).toBe('东村 发布防疫通知');
    expect(say(event('quarantine.alert', { kind: 'fever' }))).toBe('东村 居家隔离预警');
    expect(say(event('inspection.done', { findings: 0 }))).toBe('东村 完成一次督查');
  });
  it('falls back to “updated” for a type it does not know', () => {
    expect(say(event('something.new', {}))).toBe('东村 有更新');
  });
});
