// Issue 17: a list's first page asks whether its counter, less what purges took in the subtree,
// is over the total's bound (stats/subtree-counter.ts). purged_counts was keyed (region_id,
// metric) only, so the purged rows of a metric in a subtree were found by looking each region of
// the subtree up: 5,500 lookups at the county, 1–1.5 ms of every county households and people
// page with no purged row at all. By metric, the purged rows of the metric are one range, each
// checked against the subtree by its region's path.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index purged_counts_metric on purged_counts (metric, region_id, value)`.execute(db);
}
