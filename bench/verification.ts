// Taking in a verification list (issue 18): 100,000 rows read from a sealed CSV upload, checked,
// deduplicated, matched against registered people (keyed hashes), routed by address and written
// with their rows — against a raw better-sqlite3 insert of the same tasks (values made outside
// the timed part) in the same run. Target: the take-in under 60 s on SQLite.
//   npx tsx bench/verification.ts [--rows 100000] [--people 50000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import pino from 'pino';
import { bulkInsert } from '../src/server/db/fast-insert.ts';
import { ephemeralFieldCrypto, maskIdNumber } from '../src/server/platform/crypto.ts';
import { newId } from '../src/server/platform/ids.ts';
import { createRegion } from '../src/server/modules/regions/regions.service.ts';
import { sealUpload } from '../src/server/modules/imports/sealed-upload.ts';
import { insertList } from '../src/server/modules/verification/verification.queries.ts';
import { runTakeIn } from '../src/server/modules/verification/take-in.service.ts';
import { idNumberCheckDigit } from '../src/shared/id-number.ts';
import { argValue, countyTimeZone, deadline, emitResult, tempDir } from './lib/harness.ts';
import { importSetup } from './lib/import-setup.ts';

export const bench = { name: 'verification', target: 60 };
const argv = process.argv.slice(2);
const rows = Number(argValue(argv, '--rows') ?? 100_000);
const people = Number(argValue(argv, '--people') ?? 50_000);
deadline(15 * 60_000, 'the verification benchmark');

/** A distinct valid ID number for each n below 16.8 million: birth day and sequence in mixed radix. */
const idOf = (n: number) => {
  const d = Math.floor(n / 1000);
  const pad = (v: number, w: number) => String(v).padStart(w, '0');
  const first17 = `339901${1950 + (Math.floor(d / 336) % 50)}${pad((Math.floor(d / 28) % 12) + 1, 2)}${pad((d % 28) + 1, 2)}${pad(n % 1000, 3)}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
};
const dataDir = tempDir('gg-bench-verification-');
const setup = await importSetup(dataDir);
const db = setup.database.db;
const crypto = ephemeralFieldCrypto();
const system = { userId: null, ip: '127.0.0.1' };

// The territory: 10 towns × 10 villages × 4 grids, and `people` registered residents.
console.log(`setting up ${people.toLocaleString()} registered people…`);
const county = await db.selectFrom('regions').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
const grids: number[] = [];
const villageNames: string[] = [];
await db.transaction().execute(async (tx) => {
  for (let t = 0; t < 10; t++) {
    const town = await createRegion(tx, system, { parentId: county.id, level: 'town', code: `3399020${String(t).padStart(2, '0')}`, name: `第${t}镇` });
    for (let v = 0; v < 10; v++) {
      const name = `镇${t}村${v}`;
      villageNames.push(name);
      const village = await createRegion(tx, system, { parentId: town.id, level: 'village', code: `3399020${String(t).padStart(2, '0')}${String(v).padStart(3, '0')}`, name });
      for (let g = 0; g < 4; g++) grids.push((await createRegion(tx, system, { parentId: village.id, level: 'grid', code: `3399020${String(t).padStart(2, '0')}${String(v).padStart(3, '0')}${String(g).padStart(2, '0')}`, name: `${name}第${g}网格` })).id);
    }
  }
});
const now = new Date().toISOString();
const addressOf = (n: number) => `${villageNames[n % villageNames.length]}${(n % 97) + 1}组${n}号`;
for (let start = 0; start < people; start += 5_000) {
  const households: Record<string, string | number | null>[] = [];
  const persons: Record<string, string | number | null>[] = [];
  for (let n = start; n < Math.min(people, start + 5_000); n++) {
    const hid = newId();
    const grid = grids[n % grids.length] as number;
    households.push({ id: hid, region_id: grid, address: addressOf(n), is_rental: 0, created_at: now, updated_at: now, version: 1 });
    const id = idOf(n);
    persons.push({ id: newId(), household_id: hid, region_id: grid, name: `居民${n}`, id_number_enc: crypto.encrypt(id), id_number_hash: crypto.index(id), id_number_masked: maskIdNumber(id), category: 'resident', key_person: 0, created_at: now, updated_at: now, version: 1 });
  }
  await db.transaction().execute(async (tx) => {
    await bulkInsert(tx, 'households', households);
    await bulkInsert(tx, 'persons', persons);
  });
}

// The list: 40% registered people, 20% registered addresses, 10% a village's name, 25% nowhere,
// 5% malformed ID numbers; every 20th row repeats the row before it.
const lines = ['序号,姓名,公民身份号码,联系电话,现住址,来源地,车次,备注'];
for (let i = 0; i < rows; i++) {
  const n = i % 20 === 19 ? i - 1 : i;
  const kind = n % 20;
  const id = kind < 8 ? idOf(n % people) : kind === 17 ? `33990119${n}` : idOf(people + n);
  const address = kind >= 8 && kind < 12 ? `某县${addressOf((n * 7) % people)}` : kind >= 12 && kind < 14 ? `${villageNames[n % villageNames.length]}附近` : `外省某地${n}号`;
  lines.push(`${i + 1},旅客${n},${id},139${String(n).padStart(8, '0')},${address},武汉,G${n % 900},`);
}
const file = path.join(dataDir, 'list.csv');
fs.writeFileSync(file, `${lines.join('\n')}\n`);

// Raw baseline: the same number of task rows, values made first, one prepared statement.
const baselineDb = path.join(dataDir, 'baseline.db');
fs.copyFileSync(setup.dbFile, baselineDb);
const raw = new Sqlite(baselineDb);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
const listId = newId();
raw.prepare(`insert into verification_lists (id, name, kind, region_id, deadline_hours, status, format, created_by, created_at, updated_at, due_at) values (?, 'raw', 'arrival', ?, 24, 'done', 'csv', ?, ?, ?, ?)`).run(listId, county.id, setup.userId, now, now, now);
const insert = raw.prepare(
  `insert into verification_tasks (id, number, list_id, region_id, name, id_number_enc, id_number_hash, id_number_masked, address, person_key, route_reason, status, due_at, created_at, updated_at, version)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'raw', 'open', ?, ?, ?, 1)`,
);
const values = lines.slice(1).map((line, i) => {
  const c = line.split(',');
  return [newId(), `HC-RAW-${i}`, listId, grids[i % grids.length], c[1], `k1.${'x'.repeat(60)}`, `h${i}`, maskIdNumber(c[2] ?? ''), c[4], `k${i}`, now, now, now];
});
const r0 = process.hrtime.bigint();
raw.transaction(() => {
  for (const v of values) insert.run(...v);
})();
const rawSeconds = Number(process.hrtime.bigint() - r0) / 1e9;
raw.close();

// The take-in, as the route starts it: sealed upload, list row, then the job.
const ref = newId();
const t0 = process.hrtime.bigint();
const sealed = await sealUpload(crypto, dataDir, ref, fs.createReadStream(file), 200 * 1024 * 1024);
const id = newId();
await insertList(db, { id, name: 'bench', kind: 'arrival', source: null, region_id: county.id, deadline_hours: 48, replaces_list_id: null, status: 'queued', progress: 0, total: 0, matched: 0, routed: 0, unrouted: 0, flagged: 0, tasks: 0, error: null, file_name: 'list.csv', headers: null, mapping: null, upload_ref: ref, format: 'csv', created_by: setup.userId, created_at: now, updated_at: now, finished_at: null, due_at: now, spot_check_share: 10, enterprise_code_id: null });
await runTakeIn({ db, crypto, dataDir, log: pino({ level: 'warn' }), timeZone: countyTimeZone() }, { listId: id, audit: system });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const list = await db.selectFrom('verification_lists').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
await setup.database.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`upload ${(sealed.bytes / 1_048_576).toFixed(1)} MB; list ${list.status}${list.error ? ` (${list.error})` : ''}: ${list.total} rows, ${list.tasks} tasks, ${list.matched} matched, ${list.routed} routed, ${list.unrouted} unrouted, ${list.flagged} flagged`);
console.log(`take-in ${seconds.toFixed(1)} s (target < ${bench.target} s); raw insert of the same ${rows.toLocaleString()} tasks ${rawSeconds.toFixed(2)} s; ratio ${(seconds / rawSeconds).toFixed(1)}×; load average ${load}`);
emitResult({ bench: bench.name, variant: 'sqlite/csv', seconds: Number(seconds.toFixed(2)), rawSeconds: Number(rawSeconds.toFixed(3)), ratio: Number((seconds / rawSeconds).toFixed(1)), target: bench.target, load });
if (list.status !== 'done' || seconds >= bench.target) process.exit(1);
