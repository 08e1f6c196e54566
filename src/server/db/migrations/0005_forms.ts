// Forms of the household investigation (排摸): the floating-population registration form and
// the rental responsibility letter, and the signature images / signed scans they carry.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  // Binaries addressed by their SHA-256: a retried upload inserts nothing new.
  await db.schema
    .createTable('form_files')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', T(t.blob), (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('forms')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('household_id', T(t.uuid), (c) => c.notNull().references('households.id'))
    .addColumn('person_id', T(t.uuid), (c) => c.references('persons.id'))
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('fields', T(t.json), (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('signature_method', 'text')
    .addColumn('signature_sha256', 'text', (c) => c.references('form_files.sha256'))
    .addColumn('signature_type', 'text')
    .addColumn('signed_at', T(t.time))
    .addColumn('signed_by', 'text')
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .execute();
  await db.schema.createIndex('forms_region').on('forms').columns(['region_id', 'id']).execute();
  await db.schema.createIndex('forms_household').on('forms').columns(['household_id']).execute();
}
