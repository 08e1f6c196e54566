// Drill sigterm: an instance is sent SIGTERM (a deploy, a systemd stop) while requests are in
// flight on it, an SSE client is connected to it and write load runs through the balancer.
// Requests it had accepted must finish (2xx), later ones may be refused cleanly (503) but never
// cut off; the SSE client must be told to reconnect before its stream ends; nothing
// acknowledged may be lost. The instance is started again afterwards (unless told not to).
import pg from 'pg';
import { adminSession, call, drillGrid, printTable } from './client.ts';
import { openLiveStream } from './live-stream.ts';
import type { Topology } from './topology.ts';
import { checkLoad, startWriteLoad } from './write-load.ts';

export interface SigtermFigures {
  inFlight: number;
  /** Of the burst, not yet answered when the signal went. */
  pendingAtSignal: number;
  inFlightOk: number;
  inFlightRefused503: number;
  /** Begun by the instance and then cut off (its row exists, its answer never came), or answered 5xx other than 503. */
  inFlightFailed: number;
  /** Cut off before the instance began them (no row): as good as refused, safe to send again. */
  notStarted: number;
  sseToldToReconnect: boolean;
  shutdownSeconds: number;
  exitCode: number | null;
  lost: number;
  duplicates: number;
}

async function burstRowsIn(databaseUrl: string, run: string): Promise<Set<number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ address: string }>('select address from households where address like $1', [`演练路${run}-burst-%`]);
    return new Set(rows.map((r) => Number(r.address.split('-burst-')[1])));
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function sigtermDrill(topology: Topology, opts: { inFlight?: number; restart?: boolean } = {}): Promise<SigtermFigures> {
  const victim = topology.instances[0];
  if (!victim) throw new Error('sigterm needs an instance');
  const session = await adminSession(topology.url);
  const grid = await drillGrid(session);
  const run = `s${Date.now().toString(36)}`;
  const stream = await openLiveStream(victim.url, session);
  const load = startWriteLoad(session, grid, { clients: 3, run });
  await sleep(1_500);

  // A burst straight at the victim, then the signal while it is being served.
  const count = opts.inFlight ?? 20;
  let answered = 0;
  const burst = Array.from({ length: count }, (_, n) =>
    call(victim.url, 'POST', '/api/v1/households', { regionId: grid, address: `演练路${run}-burst-${n}` }, session.headers, 30_000)
      .then(
        (a) => a.status,
        () => 'network' as const,
      )
      .finally(() => (answered += 1)),
  );
  // Long enough for the instance to have taken the connections in (a loaded machine), short
  // enough that most are still being served.
  await sleep(300);
  const pendingAtSignal = count - answered;
  const signalledAt = Date.now();
  const exitCode = await victim.stop('SIGTERM');
  const shutdownSeconds = (Date.now() - signalledAt) / 1000;
  const statuses = await Promise.all(burst);
  await sleep(1_000);
  const result = await load.stop();
  const check = await checkLoad(topology.databaseUrl, run, result);
  const committed = await burstRowsIn(topology.databaseUrl, run);
  // A cut connection whose household exists: the instance began the request and dropped it
  // (a failure). One whose household does not: the instance never began it (still in the
  // accept queue, or read by nobody when idle connections were closed) — the same as a
  // refused connection, and the client or the balancer sends it again.
  const cut = statuses.map((s, n) => ({ s, n })).filter(({ s }) => s === 'network');
  const cutAfterStart = cut.filter(({ n }) => committed.has(n)).length;
  const closedAt = stream.closedAt() ?? Number.POSITIVE_INFINITY;
  const toldToReconnect = stream.messages.some((m) => m.at >= signalledAt && m.at <= closedAt && (m.event === 'reconnect' || m.retry !== null));
  stream.close();
  if (opts.restart ?? true) await victim.start();

  const figures: SigtermFigures = {
    inFlight: count,
    pendingAtSignal,
    inFlightOk: statuses.filter((s) => s === 201).length,
    inFlightRefused503: statuses.filter((s) => s === 503).length,
    inFlightFailed: cutAfterStart + statuses.filter((s) => typeof s === 'number' && s >= 500 && s !== 503).length,
    notStarted: cut.length - cutAfterStart,
    sseToldToReconnect: toldToReconnect,
    shutdownSeconds,
    exitCode,
    lost: check.lost,
    duplicates: check.duplicates,
  };
  printTable(`sigterm: ${victim.name} sent SIGTERM with ${count} requests in flight, an SSE client and write load`, [
    ['burst requests still unanswered at the signal', pendingAtSignal],
    ['burst requests answered 201', figures.inFlightOk],
    ['refused cleanly with 503 (arrived while closing)', figures.inFlightRefused503],
    ['cut off before the instance began them (no row)', figures.notStarted],
    ['begun and cut off, or 5xx', figures.inFlightFailed],
    ['SSE told to reconnect before the end', figures.sseToldToReconnect ? 'yes' : 'no'],
    ['shutdown took (s)', shutdownSeconds.toFixed(2)],
    ['exit code', String(exitCode)],
    ['load writes acknowledged', check.acknowledged],
    ['acknowledged but lost', figures.lost],
    ['duplicate rows', figures.duplicates],
  ]);
  return figures;
}
