// Every list's 导出 Excel on the demo county (every module's seeded records): for the whole
// subtree and for one town, the export holds the list's rows in the list's order, and a reveal
// on a list without numbers to reveal is refused.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../../test/support/app.ts';
import { type DemoApp, buildDemoApp } from '../../../test/support/demo-app.ts';
import { firstSheetRows } from '../../../test/support/xlsx.ts';
import { dayIn } from './time.ts';

let demo: DemoApp;
let app: FastifyInstance;
let headers: Record<string, string>;
let town: number;

beforeAll(async () => {
  demo = await buildDemoApp(2_000, dayIn('Asia/Shanghai'));
  app = demo.app;
  const county = await app.db.selectFrom('regions').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  town = (await app.db.selectFrom('regions').select('id').where('parent_id', '=', county.id).orderBy('id').executeTakeFirstOrThrow()).id;
  headers = (await signIn(app, 'admin', county.id)).headers;
}, 180_000);
afterAll(() => demo.close());

type Item = Record<string, unknown>;

/** A list, the export's column to compare, and the list item's field that fills it. */
const LISTS: [list: string, header: string, field: string][] = [
  ['/api/v1/households', '地址', 'address'],
  ['/api/v1/persons', '姓名', 'name'],
  ['/api/v1/quarantines', '编号', 'number'],
  ['/api/v1/quarantines/alerts', '隔离对象', 'personName'],
  ['/api/v1/tips', '编号', 'number'],
  ['/api/v1/inspections', '编号', 'number'],
  ['/api/v1/rectifications', '编号', 'number'],
  ['/api/v1/family-events', '事主姓名', 'hostName'],
  ['/api/v1/patrol-logs', '巡查队', 'teamName'],
  ['/api/v1/arrivals', '登记号', 'reference'],
  ['/api/v1/forms', '状态', 'status'],
  ['/api/v1/users', '用户名', 'username'],
];

async function listAll(url: string): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const res = await app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}limit=500${cursor ? `&cursor=${cursor}` : ''}`, headers });
    expect(res.statusCode, url).toBe(200);
    const body: { items: Item[]; nextCursor: string | null } = res.json();
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

describe('every list’s export', () => {
  for (const [list, header, field] of LISTS) {
    it(`${list}: the list’s rows, for the subtree and for a town`, async () => {
      for (const filter of ['', `regionId=${town}`]) {
        const listed = await listAll(`${list}?${filter}`);
        const res = await app.inject({ method: 'GET', url: `${list}/export.xlsx?${filter}`, headers });
        expect(res.statusCode, `${list}?${filter}`).toBe(200);
        const [head = [], ...data] = (await firstSheetRows(res.rawPayload)).rows;
        const col = (head as string[]).indexOf(header);
        expect(col, header).toBeGreaterThanOrEqual(0);
        expect(data).toHaveLength(listed.length);
        // Forms show their status as a word: compare the rows' count and order by what the list gives.
        if (field !== 'status') expect(data.map((r) => r[col] ?? null)).toEqual(listed.map((i) => i[field] ?? null));
      }
      if (list !== '/api/v1/households' && list !== '/api/v1/persons') {
        const reveal = await app.inject({ method: 'GET', url: `${list}/export.xlsx?reveal=true&purpose=${encodeURIComponent('核对名单')}`, headers });
        expect(reveal.statusCode).toBe(400);
        expect(reveal.json().error.details[0].path).toBe('reveal');
      }
    });
  }

  it('has rows to compare on the demo county', async () => {
    for (const list of ['/api/v1/tips', '/api/v1/quarantines', '/api/v1/inspections', '/api/v1/patrol-logs', '/api/v1/family-events']) {
      const res = await app.inject({ method: 'GET', url: `${list}?limit=1`, headers });
      expect(res.json().items.length, list).toBe(1);
    }
  });
});
