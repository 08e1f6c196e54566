// Issue 21: the household register's purge unlinks the verification tasks of the people it
// removes (verification.retention.ts forgetVerificationLinks: `where person_id in (…)`), and
// verification_tasks had no index on person_id: every batch scanned the whole table — 225 ms
// for a batch of 10 households at the 250,000-person demo county with 200,000 tasks (load 29),
// the largest part of each batch, which the SQLite pacing then rested for as long again.
// Partial: most tasks (unrouted, unmatched names) link no person and cost the index nothing.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index verification_tasks_person_id on verification_tasks (person_id) where person_id is not null`.execute(db);
}
