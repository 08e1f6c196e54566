// Every action and object type the server writes to the audit log has a Chinese and an English
// name: the auditor's log showed purge_start / purge_run and some 40 others as raw codes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';

const SERVER = path.resolve(import.meta.dirname, '../../../server');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.includes('.test.') ? [full] : [];
  });
}

/** The codes an expression can give: a literal, or the arms of `cond ? 'a' : 'b'` (not the strings it compares with). */
const results = (expression: string): string[] =>
  /^\s*'([a-z_]+)'\s*$/.test(expression) ? [expression.trim().slice(1, -1)] : [...expression.matchAll(/[?:]\s*'([a-z_]+)'(?!\s*in\b)/g)].map((m) => m[1] as string);

/** The codes of every `audit(…, { action: …, entity: … })` call: literals and both arms of a choice. */
function auditCodes(): { actions: Set<string>; entities: Set<string> } {
  const actions = new Set<string>();
  const entities = new Set<string>();
  for (const file of sources(SERVER)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\baudit\((?:[^()]|\([^()]*\))*\)/g)) {
      const body = call[0];
      const action = /action: ([^,}]+)/.exec(body)?.[1] ?? '';
      for (const code of results(action)) actions.add(code);
      const entity = /entity: '([a-z_]+)'/.exec(body)?.[1];
      if (entity) entities.add(entity);
    }
    // `const action = cond ? 'a' : 'b'` passed on as `{ action, … }`.
    for (const line of text.matchAll(/const action = ([^;]+);/g)) for (const code of results(line[1] as string)) actions.add(code);
  }
  return { actions, entities };
}

describe('the audit log’s words', () => {
  const { actions, entities } = auditCodes();

  it('finds the server’s audit calls', () => {
    expect(actions.size).toBeGreaterThan(60);
    expect(entities.size).toBeGreaterThan(30);
    expect(actions).toContain('purge_start');
    expect(entities).toContain('handover');
  });

  for (const [language, words] of [['zh', zhCN.audit], ['en', en.audit]] as const) {
    it(`names every action and object type in ${language}`, () => {
      const names = words as unknown as { actions: Record<string, string>; entities: Record<string, string> };
      expect([...actions].filter((a) => !names.actions[a]).sort()).toEqual([]);
      expect([...entities].filter((e) => !names.entities[e]).sort()).toEqual([]);
    });
  }
});
