// Every reason the server words for a task's routing reads in Chinese and in English; a reason
// of a shape not known yet is shown as the server said it.
import { describe, expect, it } from 'vitest';
import { en, zh } from '../shared/verification-words.ts';
import { routeReasonText } from './route-reason.ts';

const translator = (dict: object) => (key: string, vars: Record<string, string | number> = {}) => {
  const text = key.split('.').slice(1).reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dict);
  if (typeof text !== 'string') throw new Error(`missing ${key}`);
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name]));
};

const REASONS = [
  'unrouted: no registered person or address matched',
  "registered person found by ID number: routed to their household's grid",
  "registered person found by phone: routed to their household's grid",
  'address matched a registered dwelling of 东村第一网格 (score 92)',
  'address names 西村 (score 70)',
  'moved by hand from 东村第一网格 to 西村第二网格',
  'assigned by hand to 东河村第一网格',
  'left 东村第一网格 for 西村第二网格, as its grid recorded',
];

describe('routeReasonText', () => {
  it.each(REASONS)('words “%s” in both languages, keeping names and scores', (reason) => {
    for (const dict of [zh, en]) {
      const text = routeReasonText(reason, translator(dict));
      expect(text).not.toBe(reason);
      expect(text).not.toContain('{{');
      for (const kept of reason.match(/[\u4e00-\u9fff]+|\d+/g) ?? []) expect(text).toContain(kept);
    }
  });

  it('names the matching field in the user’s words', () => {
    expect(routeReasonText(REASONS[2] as string, translator(zh))).toContain('手机号');
    expect(routeReasonText(REASONS[1] as string, translator(en))).toContain('ID number');
  });

  it('shows a reason of an unknown shape as it is', () => {
    expect(routeReasonText('escalated to 城关镇', translator(zh))).toBe('escalated to 城关镇');
  });
});
