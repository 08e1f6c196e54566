// Issues 15 and 17: households and people are the county's two biggest lists, and were still
// paged by `region_id in (the subtree)` — a walk of the (region, …) index grid by grid, thousands
// of seeks at the county — and their searches checked each row's region against the subtree.
// Like the other lists (0031), each household and person now carries the ids of its county, town
// and village, and each level has an index in the list's own order after the level id: region,
// then the dwelling's natural order (households) or the person's id. A county's, town's or
// village's page is then one index range read in order; a grid's keeps its few regions.
// Kept by 0031's triggers on every write path and by platform/region-levels.ts on region moves.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { LEVELS, type LevelledSpec, addLevelIndexesAndTriggers, postgresLevel } from './0031_region_levels.ts';

const TABLES: readonly LevelledSpec[] = [
  { table: 'households', order: ['region_id', 'sort_key', 'id'] },
  { table: 'persons', order: ['region_id', 'id'] },
];

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  for (const { table } of TABLES) for (const column of LEVELS) await db.schema.alterTable(table).addColumn(column, 'integer').execute();
  if (dialect === 'sqlite') await sqliteBackfill(db);
  else for (const { table } of TABLES) await sql.raw(postgresBackfill(table)).execute(db);
  for (const spec of TABLES) await addLevelIndexesAndTriggers(db, dialect, spec);
  // The planner weighs the new indexes by statistics of columns that were all null a moment ago.
  if (dialect === 'postgres') for (const { table } of TABLES) await sql.raw(`analyze ${table}`).execute(db);
}

/**
 * SQLite: the regions' level ids computed once into a keyed temporary table (a few thousand
 * regions), then each table filled by one update looking its rows' regions up there, not by
 * parsing a region's path again for every one of 250,000 people.
 */
async function sqliteBackfill(db: Kysely<unknown>) {
  const list = `'[' || replace(trim(path, '/'), '/', ',') || ']'`;
  const levels = LEVELS.map((column, depth) => `json_extract(${list}, '$[${depth}]') as ${column}`).join(', ');
  await sql.raw(`create temp table region_level_ids (id integer primary key, ${LEVELS.join(' integer, ')} integer)`).execute(db);
  await sql.raw(`insert into region_level_ids select id, ${levels} from regions`).execute(db);
  for (const { table } of TABLES) {
    const from = `select ${LEVELS.join(', ')} from region_level_ids l where l.id = ${table}.region_id`;
    await sql.raw(`update ${table} set (${LEVELS.join(', ')}) = (${from})`).execute(db);
  }
  await sql.raw('drop table region_level_ids').execute(db);
}

const postgresBackfill = (table: string) =>
  `update ${table} set ${LEVELS.map((c, depth) => `${c} = ${postgresLevel('r.path', depth)}`).join(', ')} from regions r where r.id = ${table}.region_id`;
