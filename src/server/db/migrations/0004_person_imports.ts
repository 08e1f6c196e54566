// People imports at a million rows: rows are checked and staged in chunks (import_person_rows),
// checked against each other and the register in SQL, then moved into households and persons
// in one transaction — so a crash leaves nothing half-imported, only staging rows a rerun clears.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);
  const clustered = sql.raw(dialect === 'sqlite' ? 'without rowid' : '');

  // Progress in thousandths (of the file's bytes while reading), the phase, and where the
  // uploaded file (sealed with the data key) waits for a rerun or the rejected-rows download.
  await db.schema.alterTable('import_jobs').addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('import_jobs').addColumn('phase', 'text').execute();
  await db.schema.alterTable('import_jobs').addColumn('upload_ref', 'text').execute();
  await db.schema.alterTable('import_jobs').addColumn('options', T(t.json)).execute();

  await db.schema
    .createTable('import_person_rows')
    .addColumn('job_id', T(t.uuid), (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull())
    // region|address|building|unit|room: rows with the same dwelling form one household.
    .addColumn('household_key', 'text', (c) => c.notNull())
    // The id of the household this row starts, when it is the file's first row at a dwelling
    // nobody has registered yet (import_households says which).
    .addColumn('new_household_id', T(t.uuid), (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('building', 'text')
    .addColumn('unit', 'text')
    .addColumn('room', 'text')
    .addColumn('is_rental', 'integer', (c) => c.notNull())
    .addColumn('landlord_name', 'text')
    .addColumn('landlord_phone_enc', 'text')
    .addColumn('landlord_phone_hash', 'text')
    .addColumn('person_id', T(t.uuid), (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('birth_date', T(t.day))
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hash', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('arrived_on', T(t.day))
    .addColumn('travel_mode', 'text')
    .addColumn('employer', 'text')
    .addColumn('dwelling_relation', 'text')
    .addColumn('key_person', 'integer', (c) => c.notNull())
    .addColumn('key_person_reason', 'text')
    .addPrimaryKeyConstraint('import_person_rows_pk', ['job_id', 'row_no'])
    .modifyEnd(clustered)
    .execute();
  // No secondary indexes: rows go in in key order (an append), and the checks that group them
  // by ID number or by dwelling sort once, which costs far less than keeping two random-order
  // indexes up to date row by row.

  // The dwellings of a job's rows: the household each becomes (one registered there already,
  // or a new one made from the file's first row there).
  await db.schema
    .createTable('import_households')
    .addColumn('job_id', T(t.uuid), (c) => c.notNull())
    .addColumn('household_key', 'text', (c) => c.notNull())
    .addColumn('first_row', 'integer', (c) => c.notNull())
    .addColumn('household_id', T(t.uuid))
    .addColumn('is_new', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_households_pk', ['job_id', 'household_key'])
    .modifyEnd(clustered)
    .execute();

  // Every rejection of a job (import_jobs.rejected lists only the first 1,000).
  await db.schema
    .createTable('import_rejections')
    .addColumn('job_id', T(t.uuid), (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('column_label', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    // The reason's code and parameters (shared/import-reasons.ts), for other languages.
    .addColumn('code', 'text')
    .addColumn('params', T(t.json))
    .addPrimaryKeyConstraint('import_rejections_pk', ['job_id', 'row_no', 'seq'])
    .modifyEnd(clustered)
    .execute();

  // An imported row joins the household already registered at the same dwelling.
  await db.schema.createIndex('households_dwelling').on('households').columns(['region_id', 'address']).execute();
}
