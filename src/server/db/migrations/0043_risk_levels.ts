// Issue 19: the HQ's responsibility view (GET /responsibility/load) finds the red and yellow
// persons of the subtree in `person_risk`, whose only region index is (region_id, …): at county
// level `region_id in (the subtree)` was one index seek per region, 5,507 of them for the
// 250,000-person demo county's 1,313 coloured persons — the largest read of the view. Like the
// lists (0031, 0039), each row now carries the ids of its county, town and village, and each
// level has an index (level id, colour, person, region): a county's, town's or village's red and
// yellow persons are one index range that answers the read alone.
// Kept by 0031's triggers on every write (the recompute's upserts included; the row's key here is
// person_id) and by platform/region-levels.ts on region moves (the risk module's hook).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { addLevelColumns } from './0031_region_levels.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  await addLevelColumns(db, dialect, { table: 'person_risk', key: 'person_id', order: ['colour', 'person_id', 'region_id'] });
  // The planner weighs the new indexes by statistics of columns that were all null a moment ago.
  if (dialect === 'postgres') await sql`analyze person_risk`.execute(db);
}
