// providedBy merges one part of every module's definition; a kind two modules both provide is
// refused when the app is built, naming both, rather than one silently replacing the other.
// (regionMovedOf is proven by the moves in stats/counters.test.ts and quarantine.test.ts.)
import { describe, expect, it } from 'vitest';
import { type ModuleDefinition, providedBy } from './module-definition.ts';
import type { PrefillFigure } from './reports/prefill.ts';

const count = (n: number): PrefillFigure => async () => n;

describe('module definitions', () => {
  it('merges what each module provides', () => {
    const visited = count(1);
    const tips = count(2);
    const merged = providedBy([{ name: 'a', figures: { householdsVisited: visited } }, { name: 'b' }, { name: 'c', figures: { tipsReceived: tips } }] as const, 'figures');
    expect(merged).toEqual({ householdsVisited: visited, tipsReceived: tips });
  });

  it('refuses a kind provided by two modules, naming both', () => {
    const modules: ModuleDefinition[] = [
      { name: 'tips', figures: { tipsReceived: count(1) } },
      { name: 'notices', figures: { tipsReceived: count(2) } },
    ];
    expect(() => providedBy(modules, 'figures')).toThrow('figures: "tipsReceived" is provided by both the tips and the notices module');
  });
});
