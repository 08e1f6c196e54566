// Drill kill9: three instances behind the balancer under write load; one is killed with
// SIGKILL mid-load (no shutdown, requests in flight lost with it). Every acknowledged write
// must be in the database, no retried key may create a second row, and the window in which
// clients saw failures is measured. The instance is started again afterwards (unless told not to).
import { adminSession, drillGrid, errorWindowSeconds, printTable } from './client.ts';
import type { Topology } from './topology.ts';
import { checkLoad, startWriteLoad } from './write-load.ts';

export interface Kill9Figures {
  acknowledged: number;
  lost: number;
  duplicates: number;
  gaveUp: number;
  clientFailures: number;
  errorWindowSeconds: number;
  balancerRetries: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function kill9Drill(topology: Topology, opts: { seconds?: number; clients?: number; restart?: boolean } = {}): Promise<Kill9Figures> {
  const seconds = opts.seconds ?? 12;
  const session = await adminSession(topology.url);
  const grid = await drillGrid(session);
  const run = `k${Date.now().toString(36)}`;
  const victim = topology.instances[1] ?? topology.instances[0];
  if (!victim) throw new Error('kill9 needs an instance');
  const retriesBefore = topology.balancer?.stats.retries ?? 0;

  const load = startWriteLoad(session, grid, { clients: opts.clients ?? 6, run });
  await sleep((seconds * 1000) / 3);
  const killedAt = Date.now();
  await victim.stop('SIGKILL');
  await sleep(((seconds * 1000) * 2) / 3);
  const result = await load.stop();
  const check = await checkLoad(topology.databaseUrl, run, result);
  // Back for the next drill (a run of several); the CI test, which ends here, saves the time.
  if (opts.restart ?? true) await victim.start();

  const outcomes = result.outcomes.map((o) => o.outcome);
  const figures: Kill9Figures = {
    acknowledged: check.acknowledged,
    lost: check.lost,
    duplicates: check.duplicates,
    gaveUp: check.gaveUp,
    clientFailures: outcomes.reduce((n, o) => n + o.failures.length, 0),
    errorWindowSeconds: errorWindowSeconds(outcomes),
    balancerRetries: (topology.balancer?.stats.retries ?? 0) - retriesBefore,
  };
  printTable(`kill9: ${victim.name} killed with SIGKILL ${((killedAt - result.startedAt) / 1000).toFixed(1)} s into ${seconds} s of load`, [
    ['writes acknowledged', figures.acknowledged],
    ['rows in the database', check.rows],
    ['acknowledged but lost', figures.lost],
    ['duplicate rows (retried keys)', figures.duplicates],
    ['writes given up by clients', figures.gaveUp],
    ['re-sent with the same key', check.retries],
    ['failed tries clients saw', figures.clientFailures],
    ['client-visible error window (s)', figures.errorWindowSeconds.toFixed(2)],
    ['tries the balancer moved on', figures.balancerRetries],
  ]);
  return figures;
}
