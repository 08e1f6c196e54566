// Write load for the drills: `clients` loops, each creating a household and then a person in
// it, every write retried with its own Idempotency-Key until acknowledged. Afterwards the
// database is asked what it holds, and the acknowledgements are checked against it.
import pg from 'pg';
import { type Session, type WriteOutcome, postUntilAcknowledged } from './client.ts';

export interface LoadResult {
  outcomes: { kind: 'household' | 'person'; label: string; outcome: WriteOutcome }[];
  startedAt: number;
  endedAt: number;
}

export function startWriteLoad(session: Session, gridId: number, opts: { clients: number; run: string }) {
  let stopping = false;
  const result: LoadResult = { outcomes: [], startedAt: Date.now(), endedAt: 0 };
  const loop = async (client: number) => {
    for (let n = 0; !stopping; n++) {
      // Every logical write has a unique label: two rows with one label are a duplicate.
      const label = `${opts.run}-c${client}-${n}`;
      const household = await postUntilAcknowledged(session, '/api/v1/households', { regionId: gridId, address: `演练路${label}` });
      result.outcomes.push({ kind: 'household', label, outcome: household });
      if (!household.id) continue;
      const person = await postUntilAcknowledged(session, '/api/v1/persons', { householdId: household.id, name: `演练${label}`, category: 'resident' });
      result.outcomes.push({ kind: 'person', label, outcome: person });
    }
  };
  const loops = Array.from({ length: opts.clients }, (_, i) => loop(i));
  return {
    result,
    async stop(): Promise<LoadResult> {
      stopping = true;
      await Promise.all(loops);
      result.endedAt = Date.now();
      return result;
    },
  };
}

export interface LoadCheck {
  acknowledged: number;
  gaveUp: number;
  /** Acknowledged ids the database does not have. */
  lost: number;
  /** Labels with more than one row. */
  duplicates: number;
  rows: number;
  /** Tries that failed and were re-sent with the same key. */
  retries: number;
}

/** Acks against rows: every acknowledged id present, no label twice. */
export async function checkLoad(databaseUrl: string, run: string, load: LoadResult): Promise<LoadCheck> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const households = await client.query<{ id: string; address: string }>('select id, address from households where address like $1', [`演练路${run}-%`]);
    const persons = await client.query<{ id: string; name: string }>('select id, name from persons where name like $1', [`演练${run}-%`]);
    const ids = new Set([...households.rows.map((r) => r.id), ...persons.rows.map((r) => r.id)]);
    const labels = [...households.rows.map((r) => `h:${r.address}`), ...persons.rows.map((r) => `p:${r.name}`)];
    const acked = load.outcomes.filter((o) => o.outcome.id);
    return {
      acknowledged: acked.length,
      gaveUp: load.outcomes.length - acked.length,
      lost: acked.filter((o) => !ids.has(o.outcome.id as string)).length,
      duplicates: labels.length - new Set(labels).size,
      rows: ids.size,
      retries: load.outcomes.reduce((sum, o) => sum + o.outcome.attempts - 1, 0),
    };
  } finally {
    await client.end();
  }
}
