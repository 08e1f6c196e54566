// Modules own their tables, routes hold no SQL, and only src/server/db/ knows which database it
// runs on. test/support/module-boundaries.ts counts each breach by parsing the source; the
// ceilings below are today's figures. Lower a ceiling when you remove a breach: a figure above
// its ceiling fails here, naming the new places.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Figures, measure, tableOwners, webImports } from './support/module-boundaries.ts';

const CEILINGS: Record<keyof Figures, number> = {
  // 120 after issue 14, +1: the platform's relinkLevels (region-levels.ts) reads a moved region's subtree from `regions`.
  // 121 → 123: responsibility.queries' contactByPhoneHash joins persons and regions by primary
  // key to name each of the HQ view's top contacts in one indexed read (issue 19's 200 ms view);
  // the persons module's subtree subquery would first list the county's 5,507 region ids per contact.
  crossTableUses: 123,
  routeSql: 0,
  dialectRefs: 2,
  statsUpward: 0,
  webImports: 0,
};

const figures = measure();

describe('module boundaries', () => {
  it('knows the owner of every table from the modules’ table declarations', () => {
    const owners = tableOwners();
    expect(owners.get('regions')).toBe('regions');
    expect(owners.get('tips')).toBe('tips');
    expect(owners.get('audit_log')).toBe('platform');
  });

  it('counts every way a server file can reach web code, tests included', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'web-imports-'));
    try {
      fs.mkdirSync(path.join(root, 'server/modules/tips'), { recursive: true });
      fs.mkdirSync(path.join(root, 'web'));
      const write = (name: string, text: string) => fs.writeFileSync(path.join(root, 'server/modules/tips', name), text);
      write('a.ts', "import { zhCN } from '../../../web/i18n/zh-CN.ts';\n");
      write('b.test.ts', "export { loopActions } from '../../../web/features/tips/tipFlow.ts';\n");
      write('c.ts', "const words = await import('../../../web/i18n/en.ts');\n");
      write('d.ts', "import { CODE_WORDS_ZH } from '../../../shared/code-words.ts';\n");
      const found = webImports(path.join(root, 'server'), path.join(root, 'web')).map((p) => path.basename(p.file));
      expect(found.sort()).toEqual(['a.ts', 'b.test.ts', 'c.ts']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  for (const name of Object.keys(CEILINGS) as (keyof Figures)[]) {
    it(`${name} stays at or below ${CEILINGS[name]}`, () => {
      const places = figures[name];
      const list = places.map((p) => `${p.file}:${p.line} ${p.detail}`).join('\n');
      expect(places.length, `${name} rose above its ceiling:\n${list}`).toBeLessThanOrEqual(CEILINGS[name]);
    });
  }
});
