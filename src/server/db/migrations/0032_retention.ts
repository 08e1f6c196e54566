// Issue 21 (items 1 and 2): retention per kind of personal data, the stand-down (解除) of a
// region's emergency, the purge runs and the counts that outlive the records they counted.
// - retention_policies: the county's days per kind (a missing row means the kind's default).
// - stand_downs: at most one standing (not revoked) per region (a partial unique index).
// - purge_runs: at most one running at a time across every instance (a partial unique index),
//   with its per-kind and region counts in purge_run_counts.
// - purged_counts: what purged records contributed to region_counters, per region and metric:
//   the recounts add it, so a nightly rebuild after a purge gives the same numbers.
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);

  await db.schema
    .createTable('retention_policies')
    .addColumn('county_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('days', 'integer', (c) => c.notNull())
    .addColumn('updated_by', T(t.uuid))
    .addColumn('updated_at', T(t.time), (c) => c.notNull())
    .addPrimaryKeyConstraint('retention_policies_pk', ['county_id', 'kind'])
    .execute();

  await db.schema
    .createTable('stand_downs')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('region_id', 'integer', (c) => c.notNull().references('regions.id'))
    .addColumn('ended_on', T(t.day), (c) => c.notNull())
    .addColumn('purge_after_days', 'integer', (c) => c.notNull())
    .addColumn('register', 'text', (c) => c.notNull())
    .addColumn('created_by', T(t.uuid))
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .addColumn('revoked_by', T(t.uuid))
    .addColumn('revoked_at', T(t.time))
    .addColumn('purged_at', T(t.time))
    .execute();
  await db.schema.createIndex('stand_downs_one_standing').on('stand_downs').column('region_id').unique().where(sql.ref('revoked_at'), 'is', null).execute();

  await db.schema
    .createTable('purge_runs')
    .addColumn('id', T(t.uuid), (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('started_by', T(t.uuid))
    .addColumn('started_at', T(t.time), (c) => c.notNull())
    .addColumn('heartbeat_at', T(t.time), (c) => c.notNull())
    .addColumn('finished_at', T(t.time))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('purge_runs_one_running').on('purge_runs').column('status').unique().where(sql.ref('status'), '=', sql.lit('running')).execute();
  await db.schema.createIndex('purge_runs_started').on('purge_runs').column('started_at').execute();

  await db.schema
    .createTable('purge_run_counts')
    .addColumn('run_id', T(t.uuid), (c) => c.notNull().references('purge_runs.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_id', 'integer', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('purge_run_counts_pk', ['run_id', 'kind', 'region_id'])
    .execute();

  await db.schema
    .createTable('purged_counts')
    .addColumn('region_id', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('purged_counts_pk', ['region_id', 'metric'])
    .execute();
}
