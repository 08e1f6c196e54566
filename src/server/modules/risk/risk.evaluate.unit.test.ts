import { describe, expect, it } from 'vitest';
import type { RiskRule } from '../../../shared/risk.ts';
import { type PersonFacts, evaluate, matches } from './risk.evaluate.ts';

const today = '2026-05-20';
const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
  id: 'p',
  regionId: 1,
  origin: null,
  arrivedOn: null,
  category: 'resident',
  keyPerson: false,
  left: false,
  underQuarantine: false,
  lastFeverDay: null,
  openFeverAlert: false,
  ...over,
});
const arrived: RiskRule = { id: 'a', kind: 'arrived_from_area', areas: ['武汉', '深圳'], withinDays: 14, colour: 'yellow', label: '14天内来自重点地区', enabled: true };
const quarantine: RiskRule = { id: 'q', kind: 'under_quarantine', colour: 'yellow', label: '居家隔离中', enabled: true };
const fever: RiskRule = { id: 'f', kind: 'fever', withinDays: 7, colour: 'red', label: '发热', enabled: true };
const key: RiskRule = { id: 'k', kind: 'key_person', colour: 'yellow', label: '重点人员', enabled: true };
const visitors: RiskRule = { id: 'c', kind: 'category', categories: ['visitor', 'tenant'], colour: 'red', label: '访客', enabled: true };

describe('risk rules', () => {
  it('arrived from an area: origin contains the area, the arrival day counts as day 1', () => {
    expect(matches(arrived, person({ origin: '湖北省武汉市', arrivedOn: today }), today)).toBe(true);
    expect(matches(arrived, person({ origin: '湖北省武汉市', arrivedOn: '2026-05-07' }), today)).toBe(true); // day 14
    expect(matches(arrived, person({ origin: '湖北省武汉市', arrivedOn: '2026-05-06' }), today)).toBe(false); // day 15
    expect(matches(arrived, person({ origin: '北京市', arrivedOn: today }), today)).toBe(false);
    expect(matches(arrived, person({ origin: '广东省深圳市', arrivedOn: null }), today)).toBe(false);
  });

  it('under quarantine, fever (a recent check or an open alert), key person, category', () => {
    expect(matches(quarantine, person({ underQuarantine: true }), today)).toBe(true);
    expect(matches(quarantine, person(), today)).toBe(false);
    expect(matches(fever, person({ lastFeverDay: '2026-05-14' }), today)).toBe(true); // day 7
    expect(matches(fever, person({ lastFeverDay: '2026-05-13' }), today)).toBe(false); // day 8
    expect(matches(fever, person({ lastFeverDay: '2026-05-01', openFeverAlert: true }), today)).toBe(true);
    expect(matches(key, person({ keyPerson: true }), today)).toBe(true);
    expect(matches(visitors, person({ category: 'tenant' }), today)).toBe(true);
    expect(matches(visitors, person({ category: 'resident' }), today)).toBe(false);
  });

  it('takes the highest colour; the reasons are every matching label, red first; disabled rules and people who left do not count', () => {
    const rules = [arrived, quarantine, fever, key];
    expect(evaluate(rules, person(), today)).toEqual({ colour: 'green', reasons: [] });
    expect(evaluate(rules, person({ underQuarantine: true, keyPerson: true }), today)).toEqual({ colour: 'yellow', reasons: ['居家隔离中', '重点人员'] });
    expect(evaluate(rules, person({ underQuarantine: true, lastFeverDay: today }), today)).toEqual({ colour: 'red', reasons: ['发热', '居家隔离中'] });
    expect(evaluate([{ ...fever, enabled: false }, quarantine], person({ underQuarantine: true, lastFeverDay: today }), today)).toEqual({ colour: 'yellow', reasons: ['居家隔离中'] });
    expect(evaluate(rules, person({ underQuarantine: true, left: true }), today).colour).toBe('green');
  });
});
