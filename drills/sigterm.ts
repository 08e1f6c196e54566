// Drill sigterm: an instance is sent SIGTERM (a deploy, a systemd stop) while requests are in
// flight on it, an SSE client is connected to it and write load runs through the balancer.
// Requests it had accepted must finish (2xx), later ones may be refused cleanly (503) but never
// cut off; the SSE client must be told to reconnect before its stream ends; nothing
// acknowledged may be lost. The instance is started again afterwards (unless told not to).
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
  /** Sent before the signal and cut off (network error) or answered 500. */
  inFlightFailed: number;
  sseToldToReconnect: boolean;
  shutdownSeconds: number;
  exitCode: number | null;
  lost: number;
  duplicates: number;
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
  const closedAt = stream.closedAt() ?? Number.POSITIVE_INFINITY;
  const toldToReconnect = stream.messages.some((m) => m.at >= signalledAt && m.at <= closedAt && (m.event === 'reconnect' || m.retry !== null));
  stream.close();
  if (opts.restart ?? true) await victim.start();

  const figures: SigtermFigures = {
    inFlight: count,
    pendingAtSignal,
    inFlightOk: statuses.filter((s) => s === 201).length,
    inFlightRefused503: statuses.filter((s) => s === 503).length,
    inFlightFailed: statuses.filter((s) => s === 'network' || (typeof s === 'number' && s >= 500 && s !== 503)).length,
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
    ['cut off or 5xx', figures.inFlightFailed],
    ['SSE told to reconnect before the end', figures.sseToldToReconnect ? 'yes' : 'no'],
    ['shutdown took (s)', shutdownSeconds.toFixed(2)],
    ['exit code', String(exitCode)],
    ['load writes acknowledged', check.acknowledged],
    ['acknowledged but lost', figures.lost],
    ['duplicate rows', figures.duplicates],
  ]);
  return figures;
}
