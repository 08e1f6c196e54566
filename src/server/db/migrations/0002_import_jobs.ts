// Spreadsheet imports run in the background: one row per upload tells its progress and its
// rejected rows. Shared by every kind of import (territory now, people next), hence `kind`.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('import_jobs')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    // 'regions' | 'persons' | …: which importer runs it.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', T(t.uuid), (c) => c.notNull().references('users.id'))
    // The region the import writes into (the uploader's own region, or the grid named in the
    // request): GET filters by it for admins, and the audit entry carries it.
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON list of {row, column, message}, at most the first 1,000; rejected_count has them all.
    .addColumn('rejected', T(t.json), (c) => c.notNull().defaultTo('[]'))
    .addColumn('rejected_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    // Touched at every progress step: a queued or running job silent for long lost its process.
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addColumn('finished_at', T(t.time))
    .execute();
  await db.schema.createIndex('import_jobs_user').on('import_jobs').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('import_jobs_region').on('import_jobs').columns(['region_id', 'id']).execute();
}
