// Home-quarantine alerts carry the ids of their county, town and village, so a town's or a
// village's list is one index range read newest first and stopped after a page, however many
// alerts its hundreds of micro-grids hold (bench/control.ts: a town with 8,000 open alerts had
// to sort them all on every request when the list was `region_id IN (the subtree)`).
// Kept right when a region moves: see quarantine/alert-levels.ts.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  for (const level of ['county', 'town', 'village'] as const) {
    await db.schema.alterTable('quarantine_alerts').addColumn(`${level}_id`, 'integer').execute();
  }
  // Backfill from the regions' paths ('/county/town/village/grid/…/'), one update per region.
  const regions = await sql<{ region_id: number; path: string }>`
    select distinct a.region_id, r.path from quarantine_alerts a join regions r on r.id = a.region_id`.execute(db);
  for (const { region_id, path } of regions.rows) {
    const ids = path.split('/').filter(Boolean).map(Number);
    await sql`update quarantine_alerts set county_id = ${ids[0] ?? null}, town_id = ${ids[1] ?? null}, village_id = ${ids[2] ?? null} where region_id = ${region_id}`.execute(db);
  }
  // Open alerts get their own partial index: with `acknowledged_at` as an index column,
  // PostgreSQL does not treat `is null` as fixing it and sorted all 8,000 open alerts of a town
  // instead of reading the newest 51 in index order.
  for (const level of ['county', 'town', 'village'] as const) {
    await db.schema.createIndex(`quarantine_alerts_${level}`).on('quarantine_alerts').columns([`${level}_id`, 'raised_at', 'id']).execute();
    await db.schema
      .createIndex(`quarantine_alerts_${level}_open`)
      .on('quarantine_alerts')
      .columns([`${level}_id`, 'raised_at', 'id'])
      .where(sql.ref('acknowledged_at'), 'is', null)
      .execute();
  }
}
