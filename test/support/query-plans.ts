// The plan a database chooses for a query, in one shape for both: a list of steps, each naming
// what it does, the table and the index (SQLite: EXPLAIN QUERY PLAN's lines; PostgreSQL: the
// nodes of EXPLAIN (FORMAT JSON)). The plan tests assert on it structurally: no full scan of a
// big table, no sort of what a walk of an index should have given in order.
import { type Compilable, sql } from 'kysely';
import type { Db } from '../../src/server/db/schema.ts';

export interface PlanStep {
  /** SQLite: SCAN / SEARCH / USE TEMP B-TREE …; PostgreSQL: the node type (Seq Scan, Sort, Index Scan, …). */
  op: string;
  table: string | null;
  index: string | null;
  /** The step as the database printed it, for failure messages. */
  text: string;
}

interface PgNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Sort Key'?: string[];
  Plans?: PgNode[];
}

export async function planOf(db: Db, query: Compilable<unknown>): Promise<PlanStep[]> {
  const { sql: text, parameters } = query.compile();
  const isSqlite = db.getExecutor().adapter.constructor.name === 'SqliteAdapter';
  const explained = sql`${sql.raw(isSqlite ? 'explain query plan ' : 'explain (format json) ')}${sql.raw(inline(text, parameters))}`;
  const { rows } = await explained.execute(db);
  if (isSqlite) {
    return (rows as { detail: string }[]).map(({ detail }) => {
      const m = /^(SCAN|SEARCH|USE TEMP B-TREE|CO-ROUTINE|MATERIALIZE|LIST SUBQUERY|CORRELATED SCALAR SUBQUERY|SCALAR SUBQUERY|COMPOUND|MERGE|MULTI-INDEX OR)\s*(\w+)?/.exec(detail);
      const index = /USING (?:COVERING |PRIMARY KEY|INTEGER PRIMARY KEY)?\s*(?:INDEX )?(\w+)?/.exec(detail);
      const op = m?.[1] ?? detail;
      const table = op === 'SCAN' || op === 'SEARCH' ? (m?.[2] ?? null) : null;
      return { op, table, index: index ? (index[1] ?? 'PRIMARY KEY') : null, text: detail };
    });
  }
  const [{ 'QUERY PLAN': plan }] = rows as { 'QUERY PLAN': { Plan: PgNode }[] }[] as [{ 'QUERY PLAN': { Plan: PgNode }[] }];
  const steps: PlanStep[] = [];
  const walk = (node: PgNode) => {
    const table = node['Relation Name'] ?? null;
    const index = node['Index Name'] ?? null;
    steps.push({ op: node['Node Type'], table, index, text: `${node['Node Type']}${table ? ` on ${table}` : ''}${index ? ` using ${index}` : ''}${node['Sort Key'] ? ` by ${node['Sort Key'].join(', ')}` : ''}` });
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan[0]!.Plan);
  return steps;
}

/**
 * The query with its parameters written in: EXPLAIN of a parameterised statement would make
 * PostgreSQL plan for unknown values. Only numbers and strings occur in list queries.
 */
function inline(text: string, parameters: readonly unknown[]): string {
  const literal = (v: unknown) => {
    if (v === null) return 'null'; // an UPDATE's `set col = null`
    if (typeof v === 'number') return String(v);
    if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
    throw new Error(`a plan test cannot inline ${typeof v} parameters`);
  };
  let i = 0;
  return text.replace(/\$(\d+)|\?/g, (match, n: string | undefined) => (n ? literal(parameters[Number(n) - 1]) : literal(parameters[i++])));
}

/** The steps that read a whole table: a SQLite SCAN of it, a PostgreSQL Seq Scan. */
export const fullScans = (plan: PlanStep[], tables: string[]) =>
  plan.filter((s) => (s.op === 'SCAN' || s.op === 'Seq Scan') && s.table !== null && tables.includes(s.table));

/** The sorts: SQLite's TEMP B-TREE for ORDER BY, PostgreSQL's Sort / Incremental Sort nodes. */
export const sorts = (plan: PlanStep[]) => plan.filter((s) => /TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/.test(s.text) || s.op === 'Sort' || s.op === 'Incremental Sort');

export const planText = (plan: PlanStep[]) => plan.map((s) => s.text).join('\n');

/**
 * The plan of a query at its best: on PostgreSQL with sequential scans and sorts (incremental
 * too) made the last resort, so a plan still holding one means no index can serve the query (a
 * tiny test table would otherwise be scanned whole, rightly, and prove nothing). SQLite, without
 * statistics, prefers an index wherever one fits.
 */
export async function bestPlan(db: Db, query: Compilable<unknown>): Promise<PlanStep[]> {
  return db.connection().execute(async (conn) => {
    if (conn.getExecutor().adapter.constructor.name === 'SqliteAdapter') return planOf(conn, query);
    await sql`set enable_seqscan = off`.execute(conn);
    await sql`set enable_sort = off`.execute(conn);
    await sql`set enable_incremental_sort = off`.execute(conn);
    try {
      return await planOf(conn, query);
    } finally {
      await sql`reset enable_seqscan`.execute(conn);
      await sql`reset enable_sort`.execute(conn);
      await sql`reset enable_incremental_sort`.execute(conn);
    }
  });
}
