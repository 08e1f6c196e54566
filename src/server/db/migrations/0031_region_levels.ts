// Issue 17: every list of a county, town or village is one index range read in the list's own
// order. The lists below page newest first (or soonest due first) over a whole subtree; with
// `region_id in (the subtree)` both databases had to gather and sort every row of a town's
// hundreds of grids to return 51. Like quarantine alerts (0015), each record now carries the
// ids of its county, town and village, read off its region's path, and each level has an index
// (level id, the list's order…). A grid's list keeps `region_id in (grid and micro-grids)`.
// Triggers fill the columns on every write path (forms, imports, the demo, routing a tip to
// another region); a region moving with its subtree is followed by platform/region-levels.ts.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';

export const LEVELS = ['county_id', 'town_id', 'village_id'] as const;

/** Each table with the order its lists page in (after the level id). */
const LEVELLED: readonly LevelledSpec[] = [
  { table: 'tips', order: ['filed_at', 'id'] },
  { table: 'quarantine_orders', order: ['id'] },
  { table: 'inspections', order: ['scheduled_at', 'id'] },
  { table: 'rectifications', order: ['id'] },
  { table: 'family_events', order: ['id'] },
  { table: 'patrol_logs', order: ['patrolled_on', 'id'] },
  // arrival_entries has its village_id since 0016 (the village of the code, the entry region's ancestor).
  { table: 'arrival_entries', order: ['id'], has: ['village_id'] },
  { table: 'forms', order: ['id'] },
  { table: 'audit_log', order: ['id'] },
  { table: 'verification_tasks', order: ['due_at', 'id'] },
];

/** A table given level columns: the list order its level indexes hold after the level id, and the level columns it had already. */
export interface LevelledSpec {
  table: string;
  order: readonly string[];
  has?: readonly string[];
  /** The column that finds a row again (SQLite's triggers write it by its key): 'id' unless told. */
  key?: string;
}

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await postgresFunction(db);
  for (const spec of LEVELLED) await addLevelColumns(db, dialect, spec);
}

/**
 * The level columns of one table, filled from its rows' regions, an index per level in the
 * list's order, and the triggers that keep them (PostgreSQL's trigger function is made above,
 * once; a later migration adding a table reuses it).
 */
export async function addLevelColumns(db: Kysely<unknown>, dialect: DialectName, spec: LevelledSpec): Promise<void> {
  const has = spec.has ?? [];
  for (const column of LEVELS) if (!has.includes(column)) await db.schema.alterTable(spec.table).addColumn(column, 'integer').execute();
  await sql.raw(backfill(spec.table, dialect)).execute(db);
  await addLevelIndexesAndTriggers(db, dialect, spec);
}

/** The index per level in the list's order and the triggers that keep the level columns (the columns exist and are filled). */
export async function addLevelIndexesAndTriggers(db: Kysely<unknown>, dialect: DialectName, spec: LevelledSpec): Promise<void> {
  for (const column of LEVELS) {
    await db.schema
      .createIndex(`${spec.table}_in_${column.replace('_id', '')}`)
      .on(spec.table)
      .columns([column, ...spec.order])
      .execute();
  }
  if (dialect === 'sqlite') {
    // AFTER triggers writing the row again by its key: SQLite's BEFORE triggers cannot change NEW.
    const key = spec.key ?? 'id';
    const set = `update ${spec.table} set (${LEVELS.join(', ')}) = (${sqliteLevelsOf('new.region_id')}) where ${key} = new.${key};`;
    await sql.raw(`create trigger ${spec.table}_levels_insert after insert on ${spec.table} begin ${set} end`).execute(db);
    await sql.raw(`create trigger ${spec.table}_levels_update after update of region_id on ${spec.table} begin ${set} end`).execute(db);
  } else {
    await sql
      .raw(`create trigger ${spec.table}_levels before insert or update of region_id on ${spec.table} for each row execute function region_levels()`)
      .execute(db);
  }
}

/** SQLite: a select of the three level ids of a region ('/1/5/23/…/' → 1, 5, 23; missing levels null). */
export function sqliteLevelsOf(regionId: string): string {
  const list = `'[' || replace(trim(path, '/'), '/', ',') || ']'`;
  return `select ${LEVELS.map((_, depth) => `json_extract(${list}, '$[${depth}]')`).join(', ')} from regions where id = ${regionId}`;
}

export const postgresLevel = (path: string, depth: number) => `nullif(split_part(${path}, '/', ${depth + 2}), '')::integer`;

async function postgresFunction(db: Kysely<unknown>) {
  await sql
    .raw(
      `create function region_levels() returns trigger language plpgsql as $$
      declare region_path text;
      begin
        select path into region_path from regions where id = new.region_id;
        ${LEVELS.map((column, depth) => `new.${column} := ${postgresLevel('region_path', depth)};`).join('\n        ')}
        return new;
      end $$`,
    )
    .execute(db);
}

function backfill(table: string, dialect: DialectName): string {
  if (dialect === 'sqlite') return `update ${table} set (${LEVELS.join(', ')}) = (${sqliteLevelsOf(`${table}.region_id`)}) where region_id is not null`;
  return `update ${table} set ${LEVELS.map((c, depth) => `${c} = ${postgresLevel('r.path', depth)}`).join(', ')} from regions r where r.id = ${table}.region_id`;
}
