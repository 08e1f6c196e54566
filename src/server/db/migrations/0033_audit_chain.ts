// Issue 21 item 5: a tamper-evident audit log. Each entry gets a place in one hash chain
// (chain_seq, prev_hash, hash), assigned after its transaction commits by the sealer
// (platform/audit-chain.ts), so writers never wait for each other; audit_chain holds the head,
// audit_chain_cuts the head of each stretch exported and removed after the audit retention.
// Existing entries stay unsealed here and are sealed by the sealer's first run, in id order.
//
// PostgreSQL: audit_log becomes a table partitioned by month of `at` (declarative partitioning),
// its rows copied across; partitions are created ahead by the audit-partitions job and dropped
// whole after export (db/audit-store.ts). A default partition catches a moment no month covers
// (a clock far ahead), so a write never fails for want of a partition.
import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../connect.ts';
import { columnTypes } from '../dialect.ts';
import { AUDIT_GENESIS_HASH, auditMonthsBetween, auditPartitionDdl } from '../audit-partitions.ts';

const LEVEL_INDEXES = ['county_id', 'town_id', 'village_id'] as const;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const T = (s: string) => sql.raw(s);
  if (dialect === 'postgres') await partitionPostgres(db);
  else {
    await db.schema.alterTable('audit_log').addColumn('chain_seq', 'bigint').execute();
    await db.schema.alterTable('audit_log').addColumn('prev_hash', 'text').execute();
    await db.schema.alterTable('audit_log').addColumn('hash', 'text').execute();
  }
  // The verifier walks the chain in order; the sealer finds what is still unsealed, in id order.
  await db.schema.createIndex('audit_chain_seq').on('audit_log').column('chain_seq').execute();
  await sql`create index audit_unsealed on audit_log (id) where chain_seq is null`.execute(db);

  await db.schema
    .createTable('audit_chain')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('sealed_at', T(t.time))
    .execute();
  await sql`insert into audit_chain (id, seq, hash, sealed_at) values (1, 0, ${AUDIT_GENESIS_HASH}, null)`.execute(db);

  await db.schema
    .createTable('audit_chain_cuts')
    .addColumn('cut_seq', 'bigint', (c) => c.primaryKey())
    .addColumn('cut_hash', 'text', (c) => c.notNull())
    .addColumn('before_at', T(t.time), (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('created_at', T(t.time), (c) => c.notNull())
    .execute();
}

async function partitionPostgres(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_log rename to audit_log_unpartitioned`.execute(db);
  // The partition key must be part of the primary key: (id, at). Ids stay unique (UUIDv7).
  await sql`create table audit_log (like audit_log_unpartitioned including defaults, chain_seq bigint, prev_hash text, hash text, primary key (id, at)) partition by range (at)`.execute(db);
  const { rows } = await sql<{ first: string | null }>`select min(at)::text as first from audit_log_unpartitioned`.execute(db);
  const now = new Date();
  const first = rows[0]?.first ? new Date(rows[0].first) : now;
  const ahead = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 3, 1));
  for (const month of auditMonthsBetween(first, ahead)) await sql.raw(auditPartitionDdl(month)).execute(db);
  await sql`create table audit_log_default partition of audit_log default`.execute(db);
  await sql`insert into audit_log select *, null, null, null from audit_log_unpartitioned`.execute(db);
  await sql`drop table audit_log_unpartitioned`.execute(db);
  // Indexes on the parent: PostgreSQL makes one per partition, now and for every partition to come.
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_user').on('audit_log').columns(['user_id', 'id']).execute();
  await db.schema.createIndex('audit_region').on('audit_log').columns(['region_id', 'id']).execute();
  for (const column of LEVEL_INDEXES) {
    await db.schema.createIndex(`audit_log_in_${column.replace('_id', '')}`).on('audit_log').columns([column, 'id']).execute();
  }
  await sql`create index audit_log_id on audit_log (id)`.execute(db);
  await sql`create trigger audit_log_levels before insert or update of region_id on audit_log for each row execute function region_levels()`.execute(db);
}
