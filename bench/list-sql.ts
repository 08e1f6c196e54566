// The SQL of the households and people pages and the person search alone, as two checkouts
// build it (e.g. main and a branch), each on its own SQLite copy of a demo county (migrated by
// its own server), interleaved on one connection each, so a loaded machine moves both alike.
// Where bench/lists.ts measures whole requests, this isolates what the queries cost.
//   npx tsx bench/list-sql.ts --old-root DIR --old-db FILE|URL --new-root DIR --new-db FILE|URL [--level county] [--runs 15]
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { argValue } from './lib/harness.ts';

const argv = process.argv.slice(2);
const need = (name: string) => {
  const value = argValue(argv, name);
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const sides = {
  old: { root: need('--old-root'), file: need('--old-db') },
  new: { root: need('--new-root'), file: need('--new-db') },
} as const;

// biome-ignore lint/suspicious/noExplicitAny: two checkouts' schemas
async function readsOf(root: string, db: any, path: string) {
  const hq = await import(`${root}/src/server/modules/households/households.queries.ts`);
  const pq = await import(`${root}/src/server/modules/households/persons.queries.ts`);
  const sq = await import(`${root}/src/server/modules/households/persons-search.queries.ts`);
  const lt = await import(`${root}/src/server/platform/list-total.ts`);
  const wang = { term: '王', whole: null };
  const addr = { term: '新村', whole: null };
  return {
    'households, first page': hq.householdsPageQueries(db, path, {}).laterRegions(undefined, 50),
    'households, a later page': hq.householdsPageQueries(db, path, {}).laterRegions(AFTER_REGION, 50),
    'persons, first page': pq.personsPageQueries(db, path, {}).laterRegions(undefined, 50),
    'persons, a later page': pq.personsPageQueries(db, path, {}).laterRegions(AFTER_REGION, 50),
    'persons q=王, first page': pq.personsPageQueries(db, path, { name: wang }).laterRegions(undefined, 50),
    'persons q=王, total': lt.boundedTotalQuery(db, pq.personsCounted(db, path, { name: wang }), true),
    '人员查询 surname 王, page': sq.nameSearchQueries(db, path, wang).laterRegions(undefined, 50),
    '人员查询 address 新村, page': sq.addressSearchPage(db, path, { ...addr, limit: 50 }),
    '人员查询 address 新村, total': lt.boundedTotalQuery(db, sq.addressSearchRows(db, path, addr).orderBy('t.region_id'), true),
    'persons q=新村 (address), first page': pq.personsPageQueries(db, path, { address: addr }).laterRegions(undefined, 50),
    'households q=新村, first page': hq.householdsPageQueries(db, path, { address: addr }).laterRegions(undefined, 50),
  };
}

let AFTER_REGION = 0;
const level = argValue(argv, '--level') ?? 'county';
const runs = Number(argValue(argv, '--runs') ?? 15);

/** One side's connection: a SQLite file, or a postgres:// URL (its keyed order of regions the same). */
interface Side {
  all(sql: string, params: unknown[]): Promise<unknown[]>;
  // biome-ignore lint/suspicious/noExplicitAny: the checkout's own schema
  kysely: Kysely<any>;
}
async function open(file: string): Promise<Side> {
  if (file.startsWith('postgres://')) {
    const pool = new pg.Pool({ connectionString: file, max: 1 });
    return { kysely: new Kysely({ dialect: new PostgresDialect({ pool }) }), all: async (text, params) => (await pool.query(text, params)).rows };
  }
  const sqlite = new SQLite(file, { readonly: true });
  return { kysely: new Kysely({ dialect: new SqliteDialect({ database: sqlite }) }), all: async (text, params) => sqlite.prepare(text).all(...params) };
}

const conns: Record<string, Side> = {};
const stmts: Record<string, Record<string, { sql: string; params: unknown[] }>> = {};
for (const [side, { root, file }] of Object.entries(sides)) {
  const conn = await open(file);
  conns[side] = conn;
  const postgres = file.startsWith('postgres://');
  const mark = (n: number) => (postgres ? `$${n}` : '?');
  const regions = (await conn.all(`select id, path from regions where level = ${mark(1)} order by id`, [level])) as { id: number; path: string }[];
  const pick = regions[Math.floor(regions.length / 2)]!;
  const grids = (await conn.all(`select id from regions where path >= ${mark(1)} and path < ${mark(2)} order by id`, [pick.path, `${pick.path}\uffff`])) as { id: number }[];
  AFTER_REGION = grids[Math.floor(grids.length / 2)]!.id;
  const reads = await readsOf(root, conn.kysely, pick.path);
  stmts[side] = Object.fromEntries(
    Object.entries(reads).map(([k, q]) => {
      const c = (q as { compile(): { sql: string; parameters: readonly unknown[] } }).compile();
      return [k, { sql: c.sql, params: [...c.parameters] }];
    }),
  );
}
const labels = Object.keys(stmts.old!);
const times: Record<string, Record<string, number[]>> = { old: {}, new: {} };
const counts: Record<string, Record<string, number>> = { old: {}, new: {} };
for (let i = 0; i < runs; i++) {
  for (const label of labels) {
    for (const side of i % 2 ? ['new', 'old'] : ['old', 'new']) {
      const s = stmts[side]![label]!;
      const t0 = performance.now();
      const rows = await conns[side]!.all(s.sql, s.params);
      (times[side]![label] ??= []).push(performance.now() - t0);
      counts[side]![label] = rows.length;
    }
  }
}
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const p90 = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length * 0.9)]!; };
console.log(`level ${level}, ${runs} runs each, interleaved; load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`);
console.log('| read | old median / p90 ms | new median / p90 ms | new/old (median) | rows old/new |');
console.log('|---|---|---|---|---|');
for (const label of labels) {
  const o = times.old![label]!, n = times.new![label]!;
  console.log(`| ${label} | ${med(o).toFixed(2)} / ${p90(o).toFixed(2)} | ${med(n).toFixed(2)} / ${p90(n).toFixed(2)} | ${(med(n) / med(o)).toFixed(2)} | ${counts.old![label]}/${counts.new![label]} |`);
}
for (const side of Object.values(conns)) await side.kysely.destroy();
