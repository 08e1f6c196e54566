// Modules own their tables, routes hold no SQL, and only src/server/db/ knows which database it
// runs on. test/support/module-boundaries.ts counts each breach by parsing the source; the
// ceilings below are today's figures. Lower a ceiling when you remove a breach: a figure above
// its ceiling fails here, naming the new places.
import { describe, expect, it } from 'vitest';
import { type Figures, measure, tableOwners } from './support/module-boundaries.ts';

const CEILINGS: Record<keyof Figures, number> = {
  crossTableUses: 125,
  routeSql: 0,
  dialectRefs: 2,
  statsUpward: 0,
};

const figures = measure();

describe('module boundaries', () => {
  it('knows the owner of every table from the modules’ table declarations', () => {
    const owners = tableOwners();
    expect(owners.get('regions')).toBe('regions');
    expect(owners.get('tips')).toBe('tips');
    expect(owners.get('audit_log')).toBe('platform');
  });

  for (const name of Object.keys(CEILINGS) as (keyof Figures)[]) {
    it(`${name} stays at or below ${CEILINGS[name]}`, () => {
      const places = figures[name];
      const list = places.map((p) => `${p.file}:${p.line} ${p.detail}`).join('\n');
      expect(places.length, `${name} rose above its ceiling:\n${list}`).toBeLessThanOrEqual(CEILINGS[name]);
    });
  }
});
