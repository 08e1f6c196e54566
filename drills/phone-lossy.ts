// Drill phone-lossy: one phone's outbox — the real phone code (src/client/offline: queueing,
// the sync loop, its Idempotency-Keys) on fake IndexedDB in Node — filled offline with changes
// (per household: the household, two people in it, a visit confirming them) and synced through
// a lossy proxy on loopback: 30% of requests dropped before the server, 30% of answers dropped
// after the server committed, random latency. Every change must be applied exactly once, in
// the order it was made, and none refused.
import 'fake-indexeddb/auto';
import pg from 'pg';
import { contractDefine } from '../scripts/contract.ts';
import { adminSession, drillGrid, printTable } from './client.ts';
import { startLossyProxy } from './lossy-proxy.ts';
import type { Topology } from './topology.ts';

export interface PhoneLossyFigures {
  changes: number;
  /** Changes whose record the server holds exactly once, created by exactly one request. */
  appliedOnce: number;
  inOrder: boolean;
  refused: number;
  drainSeconds: number;
  /** Of the drain, the time spent waiting for the network and the server (the rest is the phone's own work). */
  networkSeconds: number;
  /** Tries that hit the phone's 15 s timeout (an answer that never came and no torn connection). */
  timeouts: number;
  requests: number;
  droppedRequests: number;
  droppedAnswers: number;
  syncRuns: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The phone modules read the contract the build puts in (vite's `define`): put it in first. */
async function phoneModules() {
  for (const [name, json] of Object.entries(contractDefine())) (globalThis as Record<string, unknown>)[name] = JSON.parse(json);
  const [db, changes, sync] = await Promise.all([
    import('../src/client/offline/db.ts'),
    import('../src/client/offline/household-changes.ts'),
    import('../src/client/offline/sync.ts'),
  ]);
  return { FieldDb: db.FieldDb, ...changes, syncOnce: sync.syncOnce, API_BASE: sync.API_BASE };
}

export async function phoneLossyDrill(topology: Topology, opts: { changes?: number; maxLatencyMs?: number; seed?: number } = {}): Promise<PhoneLossyFigures> {
  const phone = await phoneModules();
  const session = await adminSession(topology.url);
  const grid = await drillGrid(session);
  const households = Math.max(1, Math.round((opts.changes ?? 1000) / 4));
  const db = new phone.FieldDb(`drill-phone-${Date.now()}`);

  // Offline: everything queued before the first send. The order made is the order expected.
  const made: { id: string; kind: string }[] = [];
  for (let h = 0; h < households; h++) {
    const household = await phone.queueHousehold(db, { regionId: grid, address: `演练手机路${h}号` });
    made.push({ id: household.id, kind: 'household' });
    const people: string[] = [];
    for (const n of [1, 2]) {
      const person = await phone.queuePerson(db, { householdId: household.id, name: `演练手机${h}-${n}`, category: 'resident' });
      made.push({ id: person.id, kind: 'person' });
      people.push(person.id);
    }
    const visit = await phone.queueVisit(db, { householdId: household.id, outcome: 'verified', confirmedPersonIds: people });
    made.push({ id: visit.id, kind: 'visit' });
  }

  const lossy = await startLossyProxy({ target: topology.url, dropRequest: 0.3, dropAnswer: 0.3, maxLatencyMs: opts.maxLatencyMs ?? 100, seed: opts.seed ?? 20 });
  let networkMs = 0;
  let timeouts = 0;
  const fetchThroughLossy = async (input: string, init: RequestInit = {}) => {
    const sent = performance.now();
    try {
      const response = await fetch(lossy.url + input, { ...init, headers: { ...(init.headers as Record<string, string>), ...session.headers }, signal: AbortSignal.timeout(15_000) });
      // The phone reads the body next; the time to it belongs to the network.
      const body = await response.arrayBuffer();
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    } catch (err) {
      if ((err as Error).name === 'TimeoutError') timeouts += 1;
      throw err;
    } finally {
      networkMs += performance.now() - sent;
    }
  };
  const started = Date.now();
  let runs = 0;
  let refused = 0;
  try {
    for (;;) {
      runs += 1;
      // force: a tap on 立即同步 every time (the drill measures the network, not the backoff).
      const report = await phone.syncOnce(db, { fetch: fetchThroughLossy, force: true, useWebLocks: false });
      refused += report.refused;
      if (report.stop === 'empty') break;
      if (report.stop === 'auth') throw new Error('the phone lost its session');
      if (Date.now() - started > 20 * 60_000) throw new Error('the outbox did not drain in 20 minutes');
      await sleep(10);
    }
  } finally {
    await lossy.close();
  }
  const drainSeconds = (Date.now() - started) / 1000;
  db.close();
  await new phone.FieldDb(db.name).delete();

  const { appliedOnce, inOrder } = await judge(topology.databaseUrl, made);
  const figures: PhoneLossyFigures = {
    changes: made.length,
    appliedOnce,
    inOrder,
    refused,
    drainSeconds,
    networkSeconds: networkMs / 1000,
    timeouts,
    requests: lossy.stats.requests,
    droppedRequests: lossy.stats.droppedRequests,
    droppedAnswers: lossy.stats.droppedAnswers,
    syncRuns: runs,
  };
  printTable(`phone-lossy: ${made.length} offline changes from one outbox, 30% requests and 30% answers dropped, 0–${opts.maxLatencyMs ?? 100} ms latency each way`, [
    ['changes queued', figures.changes],
    ['applied exactly once', figures.appliedOnce],
    ['applied in the order made', inOrder ? 'yes' : 'no'],
    ['refused', refused],
    ['requests through the lossy proxy', figures.requests],
    ['  dropped before the server', figures.droppedRequests],
    ['  answers dropped after commit', figures.droppedAnswers],
    ['sync runs (each stops at a failure)', runs],
    ['tries timed out (15 s)', timeouts],
    ['time to drain (s)', drainSeconds.toFixed(1)],
    ['  of it waiting on network and server (s)', figures.networkSeconds.toFixed(1)],
    ['changes per second', (made.length / drainSeconds).toFixed(1)],
  ]);
  return figures;
}

/**
 * Exactly once: one row per change, and one audit entry of its making (a request applied
 * twice would have failed on the id, or left two entries). In order: the moments of those
 * entries never go back in the order the changes were made.
 */
async function judge(databaseUrl: string, made: { id: string; kind: string }[]) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const ids = made.map((m) => m.id);
    const rows = await client.query<{ id: string }>(
      'select id from households where id = any($1) union all select id from persons where id = any($1) union all select id from visits where id = any($1)',
      [ids],
    );
    const rowCount = new Map<string, number>();
    for (const r of rows.rows) rowCount.set(r.id, (rowCount.get(r.id) ?? 0) + 1);
    const audits = await client.query<{ ms: number; action: string; entity_id: string; details: string | null }>(
      "select (extract(epoch from at::timestamptz) * 1000)::float8 as ms, action, entity_id, details from audit_log where (action = 'create' and entity_id = any($1)) or (action = 'visit' and entity_id = any($1))",
      [ids],
    );
    const made_ = new Map<string, number[]>();
    for (const a of audits.rows) {
      const id = a.action === 'visit' ? String((JSON.parse(a.details ?? '{}') as { visitId?: string }).visitId) : a.entity_id;
      made_.set(id, [...(made_.get(id) ?? []), Number(a.ms)]);
    }
    const appliedOnce = made.filter((m) => rowCount.get(m.id) === 1 && made_.get(m.id)?.length === 1).length;
    const moments = made.map((m) => made_.get(m.id)?.[0] ?? Number.NaN);
    const inOrder = moments.every((at, i) => !Number.isNaN(at) && (i === 0 || at >= (moments[i - 1] as number)));
    return { appliedOnce, inOrder };
  } finally {
    await client.end();
  }
}
