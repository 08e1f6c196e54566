// A refused import says why in the reader's language: the job keeps the refusal's code and
// parameters (shared/import-reasons.ts) beside its English sentence. Imports past the
// instance's concurrency wait in its queue; the job keeps its place there, so any instance
// can show "3 ahead of you", and the place is rewritten (with updated_at) while it waits.
import type { Kysely } from 'kysely';
import type { DialectName } from '../connect.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('import_jobs').addColumn('error_code', 'text').execute();
  await db.schema.alterTable('import_jobs').addColumn('error_params', 'text').execute();
  await db.schema.alterTable('import_jobs').addColumn('queue_position', 'integer').execute();
}
