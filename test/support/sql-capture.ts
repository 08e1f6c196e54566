// The SQL a piece of code runs, as text: the SQL snapshot tests (*.sql.test.ts) keep it per
// dialect so that a change to a tuned query's shape (the index it walks, its keyset, its joins)
// shows in review and fails until the snapshot is renewed on purpose (`vitest -u`).
import { type Kysely, type KyselyPlugin, type QueryId, type RootOperationNode, createQueryId } from 'kysely';

/**
 * Runs `work` on a traced handle and returns each statement it executed, in the order they
 * started, one per paragraph. Start order, not finish order: statements a query runs side by
 * side (Promise.all) finish in whichever order the PostgreSQL pool answers, which made a
 * snapshot fail by chance; they start in the order the code issues them.
 */
export async function sqlRunBy<DB>(db: Kysely<DB>, work: (traced: Kysely<DB>) => Promise<unknown>): Promise<string> {
  // transformQuery also sees the subqueries a builder is made of; only a statement that ran
  // gets a result. The map keeps each query id in the order it was first seen (its start).
  const seen = new Map<QueryId, RootOperationNode>();
  const ran = new Map<QueryId, RootOperationNode>();
  const trace: KyselyPlugin = {
    transformQuery: (args) => {
      seen.set(args.queryId, args.node);
      return args.node;
    },
    transformResult: async (args) => {
      const node = seen.get(args.queryId);
      if (node) ran.set(args.queryId, node);
      return args.result;
    },
  };
  await work(db.withPlugin(trace));
  const nodes = [...seen.keys()].filter((id) => ran.has(id)).map((id) => ran.get(id) as RootOperationNode);
  if (nodes.length === 0) throw new Error('sqlRunBy: the code ran no SQL');
  return `${nodes.map((node) => `${db.getExecutor().compileQuery(node, createQueryId()).sql};`).join('\n\n')}\n`;
}

/** A built query's SQL text, with a trailing newline (as the snapshot files keep it). */
export const sqlOf = (query: { compile(): { sql: string } }): string => `${query.compile().sql};\n`;
