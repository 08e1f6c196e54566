// The baseline of platform-post.ts: Fastify with no platform (no auth, scope, validation,
// idempotency or audit) inserting the same kind of row into a same-shaped `regions` table with
// one prepared better-sqlite3 statement, with the pragmas of src/server/db/connect.ts.
// Not a benchmark itself: platform-post.ts starts it as a child process.
//   PORT=… HOST=127.0.0.1 DB_FILE=/tmp/…/bare.db tsx bench/bare-server.ts
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { v7 as uuidv7 } from 'uuid';

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const file = process.env.DB_FILE;
if (!file) throw new Error('DB_FILE is required');

const db = new SQLite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
// Same columns, constraints and indexes as the regions table of 0001_foundation.ts.
db.exec(`
  create table if not exists regions (
    id integer primary key,
    parent_id integer references regions(id),
    level text not null,
    code text not null unique,
    name text not null,
    path text not null,
    depth integer not null,
    active integer not null default 1,
    created_at text not null,
    updated_at text not null
  );
  create index if not exists regions_path on regions(path);
  create index if not exists regions_parent on regions(parent_id, name);
  insert or ignore into regions (id, parent_id, level, code, name, path, depth, active, created_at, updated_at)
    values (1, null, 'village', '339901001001', 'bench village', '/1/', 3, 1, '2020-01-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z');
`);
const insert = db.prepare(`
  insert into regions (parent_id, level, code, name, path, depth, active, created_at, updated_at)
  values (@parentId, @level, @code, @name, @path, 4, 1, @now, @now)
  returning id, parent_id, level, code, name, active`);

const app = Fastify({ logger: false });
app.post('/regions', async (request, reply) => {
  const b = request.body as { parentId: number; level: string; code: string; name: string };
  const now = new Date().toISOString();
  const row = insert.get({ parentId: b.parentId, level: b.level, code: b.code, name: b.name, path: `/1/${b.code}/`, now }) as {
    id: number;
    parent_id: number | null;
    level: string;
    code: string;
    name: string;
    active: number;
  };
  reply.code(201);
  return { id: row.id, parentId: row.parent_id, level: row.level, code: row.code, name: row.name, active: row.active === 1 };
});
// Same columns and indexes as the households table (0001_foundation.ts + 0003).
db.exec(`
  create table if not exists households (
    id text primary key,
    region_id integer not null references regions(id),
    address text not null,
    building text, unit text, room text,
    is_rental integer not null default 0,
    landlord_name text, landlord_phone_enc text, landlord_phone_hash text,
    created_at text not null,
    updated_at text not null,
    version integer not null default 1,
    last_visited_on text
  );
  create index if not exists households_region on households(region_id, id);
  create index if not exists households_visited on households(region_id, last_visited_on);
`);
const insertHousehold = db.prepare(`
  insert into households (id, region_id, address, building, room, created_at, updated_at)
  values (@id, @regionId, @address, @building, @room, @now, @now)`);
app.post('/households', async (request, reply) => {
  const b = request.body as { regionId: number; address: string; building?: string; room?: string };
  const now = new Date().toISOString();
  const id = uuidv7();
  insertHousehold.run({ id, regionId: b.regionId, address: b.address, building: b.building ?? null, room: b.room ?? null, now });
  reply.code(201);
  return { id, regionId: b.regionId, address: b.address, building: b.building ?? null, unit: null, room: b.room ?? null, isRental: false, landlordName: null, landlordPhone: null, version: 1, updatedAt: now };
});

// Same columns and indexes as the visits table (0003), without the household foreign key.
db.exec(`
  create table if not exists visits (
    id text primary key, household_id text not null, region_id integer not null, user_id text not null,
    visited_at text not null, visited_on text not null, outcome text not null, checked text not null,
    present_count integer, note text, created_at text not null
  );
  create index if not exists visits_household on visits(household_id, visited_at);
  create index if not exists visits_region_day on visits(region_id, visited_on);
`);
const insertVisit = db.prepare(`
  insert into visits (id, household_id, region_id, user_id, visited_at, visited_on, outcome, checked, present_count, note, created_at)
  values (@id, @householdId, 1, 'bench', @now, @day, @outcome, @checked, @presentCount, @note, @now)`);
app.post('/visits', async (request, reply) => {
  const b = request.body as { householdId: string; outcome: string; checked: string[]; presentCount?: number; note?: string };
  const now = new Date().toISOString();
  const id = uuidv7();
  const row = { id, householdId: b.householdId, now, day: now.slice(0, 10), outcome: b.outcome, checked: JSON.stringify(b.checked), presentCount: b.presentCount ?? null, note: b.note ?? null };
  insertVisit.run(row);
  reply.code(201);
  return { id, householdId: b.householdId, regionId: 1, userId: 'bench', visitedAt: now, visitedOn: row.day, outcome: b.outcome, checked: b.checked, presentCount: row.presentCount, note: row.note };
});

app.get('/healthz', async () => ({ status: 'ok' }));

const close = async () => {
  await app.close();
  db.close();
  process.exit(0);
};
process.on('SIGTERM', () => void close());
process.on('SIGINT', () => void close());
await app.listen({ port, host });
