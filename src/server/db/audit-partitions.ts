// What the audit chain needs that differs between the databases: PostgreSQL's monthly
// partitions of audit_log (created ahead, dropped whole after their export), the lock the
// sealer takes on the chain's head, and writing a batch of seals in one statement. SQLite keeps
// one table and has one writer at a time, so most of this is nothing there.
import { type Kysely, SqliteAdapter, type Transaction, sql } from 'kysely';

type Handle = Kysely<any> | Transaction<any>;
const onSqlite = (db: Handle): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

/** The hash before the first entry: the chain starts from it. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** A month as 'YYYY-MM' (UTC, like the partition bounds). */
export type Month = string;

const monthOf = (d: Date): Month => d.toISOString().slice(0, 7);
const monthStart = (month: Month): string => `${month}-01T00:00:00.000Z`;
export function nextMonth(month: Month): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthOf(new Date(Date.UTC(y, m, 1)));
}

/** Every month from the one holding `from` up to (not including) the one holding `until`. */
export function auditMonthsBetween(from: Date, until: Date): Month[] {
  const out: Month[] = [];
  for (let m = monthOf(from); m < monthOf(until); m = nextMonth(m)) out.push(m);
  return out;
}

const partitionName = (month: Month) => `audit_log_y${month.replace('-', 'm')}`;

export function auditPartitionDdl(month: Month): string {
  return `create table if not exists ${partitionName(month)} partition of audit_log for values from ('${monthStart(month)}') to ('${monthStart(nextMonth(month))}')`;
}

/**
 * PostgreSQL: the partitions of this month and `monthsAhead` more exist afterwards. A month whose
 * rows already landed in the default partition (a clock ahead) has them moved into its new
 * partition in the same transaction. Returns the months created; SQLite: none.
 */
export async function ensureAuditPartitions(db: Kysely<any>, now: Date, monthsAhead = 3): Promise<Month[]> {
  if (onSqlite(db)) return [];
  const until = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsAhead + 1, 1));
  const existing = new Set((await auditPartitions(db)).map((p) => p.month));
  const created: Month[] = [];
  for (const month of auditMonthsBetween(now, until)) {
    if (existing.has(month)) continue;
    await db.transaction().execute(async (tx) => {
      const lo = monthStart(month);
      const hi = monthStart(nextMonth(month));
      await sql`create temporary table audit_moving on commit drop as select * from audit_log_default where at >= ${lo}::timestamptz and at < ${hi}::timestamptz`.execute(tx);
      await sql`delete from audit_log_default where at >= ${lo}::timestamptz and at < ${hi}::timestamptz`.execute(tx);
      await sql.raw(auditPartitionDdl(month)).execute(tx);
      await sql`insert into audit_log select * from audit_moving`.execute(tx);
    });
    created.push(month);
  }
  return created;
}

export interface AuditPartition {
  name: string;
  month: Month;
}

/** PostgreSQL: the monthly partitions of audit_log, oldest first (the default one is not a month). */
export async function auditPartitions(db: Handle): Promise<AuditPartition[]> {
  if (onSqlite(db)) return [];
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'audit_log'::regclass and c.relname like 'audit_log_y%' order by c.relname`.execute(db);
  return rows.map((r) => ({ name: r.name, month: r.name.slice('audit_log_y'.length).replace('m', '-') }));
}

/**
 * Removes every entry up to `cutSeq` (all sealed, all exported): the entries before `beforeMonth`
 * go with their whole partitions on PostgreSQL (dropped, not deleted row by row); the few sealed
 * late enough to sit in a later partition are deleted. SQLite deletes them all. Run in `tx`.
 */
export async function removeAuditThrough(tx: Transaction<any>, cutSeq: number, beforeMonth: Month): Promise<void> {
  if (onSqlite(tx)) {
    await sql`delete from audit_log where chain_seq <= ${cutSeq}`.execute(tx);
    return;
  }
  const before = monthStart(beforeMonth);
  await sql`delete from audit_log where chain_seq <= ${cutSeq} and at >= ${before}::timestamptz`.execute(tx);
  for (const p of await auditPartitions(tx)) if (p.month < beforeMonth) await sql.raw(`drop table ${p.name}`).execute(tx);
  await sql`delete from audit_log_default where at < ${before}::timestamptz`.execute(tx);
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The chain's head, locked for the sealer until `tx` ends; null when another instance holds it
 * (PostgreSQL: skip locked, so a second sealer returns at once instead of queueing behind).
 * SQLite's write transaction already excludes every other writer.
 */
export async function lockAuditHead(tx: Transaction<any>): Promise<ChainHead | null> {
  const lock = sql.raw(onSqlite(tx) ? '' : 'for update skip locked');
  const { rows } = await sql<{ seq: number | string; hash: string }>`select seq, hash from audit_chain where id = 1 ${lock}`.execute(tx);
  const row = rows[0];
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

export interface Seal {
  id: string;
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * Writes each entry's place in the chain: one statement a batch on PostgreSQL, one prepared
 * update a row on SQLite. Matched by id alone (`at` as read is cut to milliseconds); a row that
 * went missing meanwhile throws, so the head never moves past an entry that was not sealed.
 */
export async function writeSeals(tx: Transaction<any>, seals: readonly Seal[]): Promise<void> {
  if (!seals.length) return;
  let updated = 0;
  if (onSqlite(tx)) {
    for (const s of seals) {
      const res = await sql`update audit_log set chain_seq = ${s.seq}, prev_hash = ${s.prevHash}, hash = ${s.hash} where id = ${s.id} and chain_seq is null`.execute(tx);
      updated += Number(res.numAffectedRows ?? 0);
    }
  } else {
    const values = sql.join(seals.map((s) => sql`(${s.id}::uuid, ${s.seq}::bigint, ${s.prevHash}, ${s.hash})`));
    const res = await sql`update audit_log a set chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
      from (values ${values}) as v(id, seq, prev, hash) where a.id = v.id and a.chain_seq is null`.execute(tx);
    updated = Number(res.numAffectedRows ?? 0);
  }
  if (updated !== seals.length) throw new Error(`audit sealer: ${seals.length} entries to seal, ${updated} updated; nothing sealed`);
}
