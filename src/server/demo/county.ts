// Builds one demo county into a database: territory, staff, households and people, streamed
// micro-grid by micro-grid through the bulk writer so memory stays flat for millions.
import { sql } from 'kysely';
import { ensureRootRegion } from '../bootstrap.ts';
import type { Database } from '../db/connect.ts';
import type { FieldCrypto } from '../platform/crypto.ts';
import { nowIso } from '../platform/ids.ts';
import { dayIn } from '../platform/time.ts';
import { rebuildPeopleCounters } from '../modules/households/people-counters.ts';
import { withBulkWriter } from './bulk-writer.ts';
import { seedCommandDemo } from './command.ts';
import { type Counts, HOUSEHOLD_COLUMNS, PERSON_COLUMNS, PeopleGenerator } from './people.ts';
import { createRng } from './prng.ts';
import { USER_COLUMNS, staffRows } from './staff.ts';
import { type CountyRoot, planTerritory } from './territory.ts';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone.ts';
import { DB_TRUE } from '../db/dialect.ts';

const REGION_COLUMNS = ['id', 'parent_id', 'level', 'code', 'name', 'path', 'depth', 'active', 'created_at', 'updated_at'] as const;

export interface DemoLog {
  info(obj: object, msg: string): void;
}

export interface DemoCountyOptions {
  people: number;
  /** Same seed, same county (names, numbers, shares); ids and ciphertexts still differ. */
  seed?: string;
  /** The day "arrived within the last 30 days" counts back from; default today in China. */
  today?: string;
  /** The county's zone (GRIDGUARD_TIME_ZONE); default DEFAULT_TIME_ZONE. */
  timeZone?: string;
  /** Keeps usernames unique across several demo counties in one database ('' for the first). */
  usernamePrefix?: string;
  /** Exactly this many grids (benchmarks); default: 1–4 a village, as the demo has. */
  grids?: number;
  /** Commit every this many people (the CLI, for huge counties); default one transaction. */
  commitEveryPeople?: number;
  log: DemoLog;
}

export interface DemoCountyResult {
  county: CountyRoot;
  towns: number;
  villages: number;
  grids: number;
  microGrids: number;
  users: number;
  counts: Counts;
  ms: number;
}

/**
 * The root region with this code, created when missing (a database may hold several counties:
 * the tree has no province level, so each is a root). Null when the code is taken: by a county
 * that already has towns, or by a region below a county.
 */
export async function countyRoot(database: Database, code: string, name: string): Promise<CountyRoot | null> {
  const db = database.db;
  const existing = await db.selectFrom('regions').select(['id', 'code', 'name', 'path', 'parent_id']).where('code', '=', code).executeTakeFirst();
  if (existing) {
    if (existing.parent_id !== null) return null;
    const child = await db.selectFrom('regions').select('id').where('parent_id', '=', existing.id).executeTakeFirst();
    return child ? null : { id: existing.id, code: existing.code, name: existing.name, path: existing.path };
  }
  const now = nowIso();
  return db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('regions')
      .values({ parent_id: null, level: 'county', code, name, path: '/pending/', depth: 1, active: DB_TRUE, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('regions').set({ path: `/${id}/` }).where('id', '=', id).execute();
    return { id, code, name, path: `/${id}/` };
  });
}

/** The county the server bootstrapped (ensureRootRegion), created here on a bare database. */
export async function bootstrapRootCounty(database: Database): Promise<CountyRoot> {
  const id = await ensureRootRegion(database);
  return database.db.selectFrom('regions').select(['id', 'code', 'name', 'path']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** `passwordHash`: one hash shared by every demo account (see load-demo.ts for why). */
export async function buildDemoCounty(
  database: Database,
  crypto: FieldCrypto,
  county: CountyRoot,
  passwordHash: string,
  opts: DemoCountyOptions,
): Promise<DemoCountyResult> {
  const started = Date.now();
  const seed = `${opts.seed ?? 'gridguard'}/${county.code}`;
  const timeZone = opts.timeZone ?? DEFAULT_TIME_ZONE;
  const today = opts.today ?? dayIn(timeZone);
  const maxId = await database.db.selectFrom('regions').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  // Region ids are given here (paths need them before insert); the sequence is moved past them.
  const territory = planTerritory(createRng(`${seed}/territory`), county, Math.max(1, opts.people), Number(maxId?.m ?? 0) + 1, opts.grids);
  const staff = staffRows(createRng(`${seed}/staff`), territory, county.id, opts.usernamePrefix ?? '', passwordHash);
  const generator = new PeopleGenerator(createRng(`${seed}/people`), crypto, county, today);
  const now = nowIso();
  const micro = territory.microGrids;

  await withBulkWriter(database, async (writer) => {
    for (const r of territory.regions) writer.add('regions', REGION_COLUMNS, [r.id, r.parent_id, r.level, r.code, r.name, r.path, r.depth, 1, now, now]);
    for (const u of staff) writer.add('users', USER_COLUMNS, u);
    await writer.drain();
    let nextLog = 0.1;
    let sinceCommit = 0;
    for (let i = 0; i < micro.length; i++) {
      const m = micro[i];
      if (!m) continue;
      // Spread people evenly: the running total after micro-grid i is people × (i+1)/M.
      const share = Math.round((opts.people * (i + 1)) / micro.length) - Math.round((opts.people * i) / micro.length);
      generator.fillMicroGrid(
        m,
        share,
        (row) => writer.add('households', HOUSEHOLD_COLUMNS, row),
        (row) => writer.add('persons', PERSON_COLUMNS, row),
      );
      await writer.drain();
      sinceCommit += share;
      if (opts.commitEveryPeople && sinceCommit >= opts.commitEveryPeople) {
        await writer.commit();
        sinceCommit = 0;
      }
      const done = generator.counts.people / Math.max(1, opts.people);
      if (done >= nextLog) {
        opts.log.info({ people: generator.counts.people, of: opts.people, ms: Date.now() - started }, `demo county ${county.code}: ${Math.round(done * 100)}% of the people loaded`);
        while (nextLog <= done) nextLog += 0.1;
        // The SQLite load never waits on I/O: give the logger a turn so progress shows as it happens.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await writer.catchUpSerial('regions', 'id');
  });
  await rebuildPeopleCounters(database.db, county.path);
  await seedCommandDemo(database, { county, territory, today, timeZone, seed, createdBy: staff[0]?.[0] as string, crypto });
  await sql`analyze`.execute(database.db); // the planner's statistics after the bulk load (both databases)
  return {
    county,
    towns: territory.towns.length,
    villages: territory.villages.length,
    grids: territory.grids.length,
    microGrids: micro.length,
    users: staff.length,
    counts: generator.counts,
    ms: Date.now() - started,
  };
}
