// The rules applied to one person's facts: pure, so the single-person recompute (inside a
// write), the full recompute and the tests all colour people the same way.
import type { RiskColour, RiskRule } from '../../../shared/risk.ts';
import { addDays } from '../../platform/time.ts';

export interface PersonFacts {
  id: string;
  regionId: number;
  origin: string | null;
  arrivedOn: string | null;
  category: string;
  keyPerson: boolean;
  /** Left the dwelling (来登去销): no longer counted, so green. */
  left: boolean;
  /** An active order that has started. */
  underQuarantine: boolean;
  /** The latest county day with a fever check (within the longest window the rules look at). */
  lastFeverDay: string | null;
  openFeverAlert: boolean;
}

export interface Verdict {
  colour: RiskColour;
  reasons: string[];
}

const GREEN: Verdict = { colour: 'green', reasons: [] };

/** Day N of a window that counts its first day as day 1 (like a 14-day quarantine order). */
const starts = new Map<string, string>();
export function windowStart(today: string, withinDays: number): string {
  // Called for every person of a 250,000-person recompute: the date arithmetic once per window.
  const key = `${today}|${withinDays}`;
  let start = starts.get(key);
  if (start === undefined) {
    if (starts.size > 1_000) starts.clear();
    start = addDays(today, -(withinDays - 1));
    starts.set(key, start);
  }
  return start;
}

export function matches(rule: RiskRule, f: PersonFacts, today: string): boolean {
  switch (rule.kind) {
    case 'arrived_from_area':
      return (
        f.origin !== null &&
        f.arrivedOn !== null &&
        f.arrivedOn >= windowStart(today, rule.withinDays) &&
        f.arrivedOn <= today &&
        rule.areas.some((area) => (f.origin as string).includes(area))
      );
    case 'under_quarantine':
      return f.underQuarantine;
    case 'fever':
      return f.openFeverAlert || (f.lastFeverDay !== null && f.lastFeverDay >= windowStart(today, rule.withinDays));
    case 'key_person':
      return f.keyPerson;
    case 'category':
      return (rule.categories as readonly string[]).includes(f.category);
  }
}

/** The highest colour among the matching enabled rules; the reasons are their labels, red first. */
export function evaluate(rules: readonly RiskRule[], f: PersonFacts, today: string): Verdict {
  if (f.left) return GREEN;
  const hits = rules.filter((r) => r.enabled && matches(r, f, today));
  if (hits.length === 0) return GREEN;
  const red = hits.filter((r) => r.colour === 'red');
  const yellow = hits.filter((r) => r.colour === 'yellow');
  const reasons = [...new Set([...red, ...yellow].map((r) => r.label))];
  return { colour: red.length > 0 ? 'red' : 'yellow', reasons };
}

/** What the rules need to know beyond the person's own row (saves queries when no rule asks). */
export function factsNeeded(rules: readonly RiskRule[]) {
  const on = rules.filter((r) => r.enabled);
  const feverDays = Math.max(0, ...on.map((r) => (r.kind === 'fever' ? r.withinDays : 0)));
  return { quarantine: on.some((r) => r.kind === 'under_quarantine'), fever: on.some((r) => r.kind === 'fever'), feverDays };
}
