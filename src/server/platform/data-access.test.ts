// Issue 21 item 6: the who-sees-what table in docs/security.md is what the code generates from
// the routes' declared access, every read route is in a kind of data, and the table's cells
// hold for real requests: a role shown "none" is refused, one shown "masked" cannot reveal,
// one shown "full" (with a purpose) gets the numbers in full.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../test/support/app.ts';
import { ROLES } from '../../shared/accounts.ts';
import { ACCESS_TABLE_END, ACCESS_TABLE_START, DATA_KINDS, NOT_DATA_PATHS, accessTable, cellOf, readRoutes, segmentOf } from './data-access.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const kind = (key: string) => {
  const k = DATA_KINDS.find((d) => d.key === key);
  if (!k) throw new Error(key);
  return k;
};

describe('who sees what', () => {
  it('docs/security.md holds exactly the table the code generates (npm run docs:access rewrites it)', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../docs/security.md'), 'utf8');
    const committed = doc.slice(doc.indexOf(ACCESS_TABLE_START) + ACCESS_TABLE_START.length, doc.indexOf(ACCESS_TABLE_END)).trim();
    expect(committed).toBe(accessTable(t.app.routeCatalog));
  });

  it('puts every read route in a kind of data, and every kind’s paths answer some read route', () => {
    const known = new Set([...DATA_KINDS.flatMap((k) => k.paths), ...NOT_DATA_PATHS]);
    const unclassified = readRoutes(t.app.routeCatalog).filter((r) => !known.has(segmentOf(r.url))).map((r) => `${r.method} ${r.url}`);
    expect(unclassified, 'add these paths to a kind in platform/data-access.ts').toEqual([]);
    const segments = new Set(readRoutes(t.app.routeCatalog).map((r) => segmentOf(r.url)));
    for (const k of DATA_KINDS) for (const p of k.paths) expect(segments.has(p), `${k.key}: ${p}`).toBe(true);
  });

  it('holds for real requests: people lists by the residents row, full numbers by the ID/phone row', async () => {
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: worker, payload: { regionId: t.tree.gridA, name: '表格核对', category: 'resident', idNumber: '110101199003074514', phone: '13800138000' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    for (const role of ROLES) {
      const headers = (await signIn(t.app, role, t.tree.county)).headers;
      const list = await t.app.inject({ method: 'GET', url: `/api/v1/persons?regionId=${t.tree.gridA}`, headers });
      expect(list.statusCode === 200, `${role}: list ${list.statusCode}`).toBe(cellOf(kind('residents'), role, t.app.routeCatalog).level !== 'none');
      const cell = cellOf(kind('id-phone'), role, t.app.routeCatalog);
      const revealed = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${id}?reveal=true&purpose=${encodeURIComponent('核对')}`, headers });
      if (cell.level === 'full') {
        expect(revealed.statusCode, `${role}: ${revealed.body}`).toBe(200);
        expect(revealed.body).toContain('110101199003074514');
      } else {
        expect(revealed.statusCode, `${role}: ${cell.level}`).not.toBe(200);
        if (cell.level === 'masked') {
          // Reached through the list (a light account's only way in), the numbers come masked.
          expect(list.statusCode, role).toBe(200);
          expect(list.body).toContain('表格核对');
          expect(list.body).not.toContain('110101199003074514');
        }
      }
    }
  });
});
