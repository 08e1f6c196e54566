// Issue 15 (items 11 and 13). Tips, quarantine orders, inspections and rectification tasks get
// a short number people can read out on the phone (`JB-20261206-0042`), unique in the county:
// a `number` column with a unique index, and `record_numbers`, the last number given per kind
// and county day. Existing records are numbered day by day in the order they were made.
// Households get `sort_key` (shared/address.ts), so lists page in natural order — 1-1-101
// before 1-1-1001 — on both databases; existing households are keyed here.
import { type Kysely, sql } from 'kysely';
import { keyUnsortedHouseholds } from '../../modules/households/sort-keys.ts';
import { assignMissingNumbers, NUMBERED_TABLES } from '../../platform/record-numbers.ts';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';
import { DEFAULT_TIME_ZONE } from '../../../shared/time-zone.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const any = db as Kysely<any>;

  await db.schema
    .createTable('record_numbers')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('last', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_numbers_pk', ['kind', 'day'])
    .execute();
  for (const { table } of Object.values(NUMBERED_TABLES)) {
    await db.schema.alterTable(table).addColumn('number', 'text').execute();
  }
  // Migrations get no configuration; the server reads the county's zone from the same variable.
  await assignMissingNumbers(any, process.env.GRIDGUARD_TIME_ZONE || DEFAULT_TIME_ZONE);
  for (const { table } of Object.values(NUMBERED_TABLES)) {
    await db.schema.createIndex(`${table}_number`).on(table).column('number').unique().execute();
  }

  // Bytewise order on PostgreSQL too (the C collation), as SQLite compares text.
  await db.schema.alterTable('households').addColumn('sort_key', sql.raw(t.path)).execute();
  await keyUnsortedHouseholds(any);
  // The people import stages each row's key with it and copies it into households in SQL.
  await db.schema.alterTable('import_person_rows').addColumn('sort_key', sql.raw(t.path)).execute();
  await db.schema.createIndex('households_sort').on('households').columns(['sort_key', 'id']).execute();
  await db.schema.createIndex('households_region_sort').on('households').columns(['region_id', 'sort_key', 'id']).execute();
}
