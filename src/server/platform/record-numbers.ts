// Short human numbers (shared/record-numbers.ts) handed out per kind and county day. A number
// is taken in the transaction that inserts its record, so a rolled-back insert gives its number
// back and two inserts never share one; a unique index on each table's `number` backs it up.
import { type Kysely, sql } from 'kysely';
import { formatRecordNumber, type NumberedKind, numberQuery } from '../../shared/record-numbers.ts';
import type { Db } from '../db/schema.ts';
import { dayIn } from './time.ts';
import { idType } from '../db/dialect.ts';

/**
 * Where each kind numbered after the fact lives (migration 0022 back-filled these; the demo
 * loader numbers them after its bulk writes), and the time its county day is read from. A kind
 * whose records are always numbered as they are inserted (verification tasks) is not here.
 */
export const NUMBERED_TABLES = {
  tip: { table: 'tips', at: 'filed_at' },
  quarantine: { table: 'quarantine_orders', at: 'created_at' },
  inspection: { table: 'inspections', at: 'created_at' },
  rectification: { table: 'rectifications', at: 'created_at' },
} as const satisfies Partial<Record<NumberedKind, { table: string; at: string }>>;

/**
 * Reserves `count` consecutive numbers of `kind` on `day`, in the caller's transaction.
 * Race-safe on both databases: the upsert locks the (kind, day) row until the transaction
 * ends, so on PostgreSQL a concurrent insert waits and then reads the raised value (READ
 * COMMITTED re-reads the row it conflicted on); SQLite runs one write transaction at a time.
 * The lock is held to commit, so callers take their number just before their insert.
 */
export async function takeNumbers(tx: Db | Kysely<any>, kind: NumberedKind, day: string, count = 1): Promise<string[]> {
  if (count <= 0) return [];
  const db = tx as Db;
  const row = await db
    .insertInto('record_numbers')
    .values({ kind, day, last: count })
    .onConflict((oc) => oc.columns(['kind', 'day']).doUpdateSet({ last: (eb) => eb('record_numbers.last', '+', eb.ref('excluded.last')) }))
    .returning('last')
    .executeTakeFirstOrThrow();
  const first = Number(row.last) - count + 1;
  return Array.from({ length: count }, (_, i) => formatRecordNumber(kind, day, first + i));
}

/** One number of `kind` for a record made at `at` (the county's day of it). */
export async function takeNumber(tx: Db, kind: NumberedKind, timeZone: string, at: Date = new Date()): Promise<string> {
  const [number] = await takeNumbers(tx, kind, dayIn(timeZone, at), 1);
  return number as string;
}

const UPDATE_CHUNK = 400;

/**
 * Numbers every record that has none, day by day in the order they were made, continuing each
 * day's sequence. The migration back-fills existing rows with it; the demo loader, which writes
 * its records in bulk, numbers them with it afterwards.
 */
export async function assignMissingNumbers(db: Kysely<any>, timeZone: string): Promise<number> {
  let numbered = 0;
  const idCast = idType(db);
  for (const [kind, { table, at }] of Object.entries(NUMBERED_TABLES) as [keyof typeof NUMBERED_TABLES, (typeof NUMBERED_TABLES)[keyof typeof NUMBERED_TABLES]][]) {
    const rows: { id: string; at: string | Date }[] = await db.selectFrom(table).select(['id', `${at} as at`]).where('number', 'is', null).orderBy(at).orderBy('id').execute();
    const byDay = new Map<string, string[]>();
    for (const r of rows) {
      const day = dayIn(timeZone, new Date(r.at));
      const ids = byDay.get(day) ?? [];
      if (ids.length === 0) byDay.set(day, ids);
      ids.push(String(r.id));
    }
    const pairs: [string, string][] = [];
    for (const [day, ids] of byDay) {
      const numbers = await takeNumbers(db, kind, day, ids.length);
      ids.forEach((id, i) => pairs.push([id, numbers[i] as string]));
    }
    for (let i = 0; i < pairs.length; i += UPDATE_CHUNK) {
      const values = sql.join(pairs.slice(i, i + UPDATE_CHUNK).map(([id, n]) => sql`(${id}, ${n})`));
      await sql`with v(id, n) as (values ${values})
        update ${sql.table(table)} set number = (select v.n from v where cast(v.id as ${idCast}) = ${sql.ref(`${table}.id`)})
        where ${sql.ref(`${table}.id`)} in (select cast(v.id as ${idCast}) from v)`.execute(db);
    }
    numbered += pairs.length;
  }
  return numbered;
}

/**
 * The LIKE pattern a list's ?q= stands for: undefined without q; for a q that cannot be part
 * of a number (Chinese text, punctuation) a pattern no number matches, so the page is empty.
 * Numbers are upper-case ASCII, so the fragment needs no escaping and LIKE's case rules agree.
 */
export function numberPattern(q: string | undefined): string | undefined {
  if (q === undefined || q.trim() === '') return undefined;
  const fragment = numberQuery(q);
  return fragment === null ? NO_NUMBER : `%${fragment}%`;
}
/** Matches only the text "#", which is never a number. */
const NO_NUMBER = '#';
