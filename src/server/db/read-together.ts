// The reads of one request that do not need each other's rows (a search's page and its total,
// and which of a text's pairs to walk) sent as one job: on SQLite each read through the read
// pool is a hop to a reader thread, and on a busy machine every hop waits its turn, so a search
// of four reads took four turns where its SQL took a few ms (docs/benchmarks.md, issue 15).
// PostgreSQL (or SQLite without reader threads) runs them as before: counts one at a time,
// then the reads in parallel on the pool's connections.
import type { Compilable, InferResult, Kysely } from 'kysely';
import type { ReadStatement, SqliteReadPool } from './sqlite-read-pool.ts';

// biome-ignore lint/suspicious/noExplicitAny: keyed by the Kysely instance, whatever its tables
const pools = new WeakMap<Kysely<any>, SqliteReadPool>();

/** Marks `read` as the Kysely whose every query runs on `pool` (connect.ts). */
// biome-ignore lint/suspicious/noExplicitAny: as above
export function bindReadPool(read: Kysely<any>, pool: SqliteReadPool): void {
  pools.set(read, pool);
}

/** The reader threads whose every query `db` runs on, if it is such a Kysely (platform/list-total.ts sends a list's reads as one job). */
// biome-ignore lint/suspicious/noExplicitAny: as above
export const readPoolOf = (db: Kysely<any>): SqliteReadPool | undefined => pools.get(db);

/** One way to answer a request: its reads and, when there are several ways, what it costs (a count). */
export interface ReadAlternative {
  /** A statement whose first column counts what the reads will walk; the least wins. */
  count?: Compilable;
  reads: readonly Compilable[];
}

/** A query as a reader-thread statement; `skipIf`: see ReadStatement. */
export const statementOf = (q: Compilable, skipIf?: number): ReadStatement => {
  const { sql, parameters } = q.compile();
  return skipIf === undefined ? { sql, parameters } : { sql, parameters, skipIf };
};

/**
 * The reads of the alternative whose count is least (the first of equals; a zero ends the
 * counting; one alternative is not counted): on SQLite's reader threads one job, in one
 * snapshot; elsewhere the counts one by one, then the reads in parallel.
 */
// biome-ignore lint/suspicious/noExplicitAny: as above
export async function readNarrowest(db: Kysely<any>, alternatives: readonly ReadAlternative[]): Promise<{ chosen: number; results: unknown[][] }> {
  if (!alternatives.length) throw new Error('readNarrowest: no alternative');
  const counted = alternatives.length > 1 ? alternatives : [];
  const pool = pools.get(db);
  if (pool) {
    const counts = counted.map((a) => statementOf(countOf(a)));
    const { chosen, results } = await pool.readBatch(
      counts,
      alternatives.map((a) => a.reads.map(statementOf)),
    );
    return { chosen, results: results.map((r) => r.rows) };
  }
  let chosen = 0;
  let least = Number.POSITIVE_INFINITY;
  for (const [i, a] of counted.entries()) {
    const { rows } = await db.executeQuery(countOf(a));
    const n = Number(Object.values((rows[0] ?? {}) as Record<string, unknown>)[0] ?? 0);
    if (n < least) [chosen, least] = [i, n];
    if (n === 0) break;
  }
  const reads = alternatives[chosen]!.reads;
  return { chosen, results: await Promise.all(reads.map(async (q) => (await db.executeQuery(q)).rows as unknown[])) };
}

/** Reads that do not depend on each other, together: one job on SQLite's reader threads. */
// biome-ignore lint/suspicious/noExplicitAny: as above
export const readTogether = async (db: Kysely<any>, reads: readonly Compilable[]): Promise<unknown[][]> => (await readNarrowest(db, [{ reads }])).results;

/** The rows a read of `readEach` answers: a query's own row type, none for a read left out (null). */
// biome-ignore lint/suspicious/noExplicitAny: any query's rows
type RowsOf<R> = R extends Compilable<any> ? InferResult<R> : [];

/**
 * Reads that do not depend on each other, each answered with its query's row type: one job on
 * SQLite's reader threads whatever their number. A null read (nothing to ask, e.g. no ids) is
 * answered [] without being sent; all null, nothing is sent.
 */
// biome-ignore lint/suspicious/noExplicitAny: as above
export async function readEach<const Q extends readonly (Compilable<any> | null)[]>(db: Kysely<any>, reads: Q): Promise<{ -readonly [K in keyof Q]: RowsOf<Q[K]> }> {
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const sent = reads.filter((r): r is Compilable<any> => r !== null);
  const results = sent.length ? await readTogether(db, sent) : [];
  let next = 0;
  return reads.map((r) => (r === null ? [] : results[next++])) as { -readonly [K in keyof Q]: RowsOf<Q[K]> };
}

function countOf(a: ReadAlternative): Compilable {
  if (!a.count) throw new Error('readNarrowest: every one of several alternatives needs a count');
  return a.count;
}
