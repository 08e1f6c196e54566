// Issue 19: two indexes for the HQ's responsibility view (GET /responsibility/load).
// The HQ's "who carries how many" is the top N of the `responsibility.p.` counters of
// one region — 23,644 rows at the 250,000-person demo county's level, sorted whole on every
// request before this index. A partial index over that family alone, in the order the view reads
// (largest first, then by metric), makes the top N the first N entries; other counter families
// pay nothing for it on their writes. Its WHERE is repeated word for word by topCounters()
// (stats/counters.ts): SQLite uses a partial index only then. The bounds are literals here on
// purpose (a migration does not change when the module's constants do).
// The same view counts the roles held of every person under control (1,329 in that county): the
// members' person index gains the role, so that count reads the index alone, not each member row.
import { type Kysely, sql } from 'kysely';

const FROM = 'responsibility.p.';
const TO = 'responsibility.p.\uffff';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index region_counters_resp_top on region_counters (region_id, value desc, metric) where metric >= ${sql.lit(FROM)} and metric < ${sql.lit(TO)}`.execute(db);
  await db.schema.dropIndex('resp_members_person').execute();
  await db.schema.createIndex('resp_members_person').on('responsible_members').columns(['person_id', 'to_at', 'role']).execute();
}
