// Region boundaries for the dashboard's choropleth: one GeoJSON geometry per region, uploaded
// by an admin (the demo county ships generated ones).
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);
  await db.schema
    .createTable('region_boundaries')
    .addColumn('region_id', 'integer', (c) => c.primaryKey().references('regions.id'))
    /** A GeoJSON Polygon or MultiPolygon geometry, WGS-84. */
    .addColumn('geometry', T(t.json), (c) => c.notNull())
    .addColumn('updated_by', T(t.uuid))
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
}
