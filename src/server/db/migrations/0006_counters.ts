// Counters the dashboard and the roll-ups read instead of scanning people (ARCHITECTURE.md:
// aggregates kept with each write). A row holds the total of a region's whole subtree, so a
// county, town or village reads its figures as a handful of rows; a write bumps the rows of its
// region and every ancestor (four or five) in its own transaction. Staff accounts gain a work
// phone: the roll-up says who is responsible for a missing report and how to reach them.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);
  const clustered = sql.raw(dialect === 'sqlite' ? 'without rowid' : '');
  const big = T(dialect === 'postgres' ? 'bigint' : 'integer');

  await db.schema
    .createTable('region_counters')
    .addColumn('region_id', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('region_counters_pk', ['region_id', 'metric'])
    .modifyEnd(clustered)
    .execute();

  // The same per day (reports filed, on time, late, zero; the day's figures summed).
  await db.schema
    .createTable('region_day_counters')
    .addColumn('region_id', 'integer', (c) => c.notNull())
    .addColumn('day', T(t.day), (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', big, (c) => c.notNull())
    .addPrimaryKeyConstraint('region_day_counters_pk', ['region_id', 'day', 'metric'])
    .modifyEnd(clustered)
    .execute();

  await db.schema.alterTable('users').addColumn('phone', 'text').execute();
}
