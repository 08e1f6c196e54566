// Drill pg-restart: PostgreSQL stopped (fast shutdown: sessions terminated) under write load,
// kept down a few seconds, started again. The instances are not touched: they must answer 503
// with Retry-After meanwhile (never 500), say so on /readyz, and serve again within 10 s of the
// database coming back. The clients' retried writes must all land, once.
import { adminSession, drillGrid, printTable } from './client.ts';
import type { Topology } from './topology.ts';
import { checkLoad, startWriteLoad } from './write-load.ts';

export interface PgRestartFigures {
  acknowledged: number;
  status503: number;
  status500: number;
  otherFailures: number;
  unavailableWithoutRetryAfter: number;
  readyzSaidUnavailable: boolean;
  /** From PostgreSQL accepting connections again to every instance ready and a write acknowledged. */
  recoverySeconds: number;
  lost: number;
  duplicates: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls every instance's /readyz directly (not through the balancer). */
function watchReadiness(topology: Topology) {
  const seen: { instance: string; at: number; status: number; reason: string | null }[] = [];
  let stopped = false;
  const loops = topology.instances.map(async (instance) => {
    while (!stopped) {
      try {
        const res = await fetch(`${instance.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
        const body = (await res.json().catch(() => ({}))) as { reason?: string };
        seen.push({ instance: instance.name, at: Date.now(), status: res.status, reason: body.reason ?? null });
      } catch {
        seen.push({ instance: instance.name, at: Date.now(), status: 0, reason: 'no answer' });
      }
      await sleep(200);
    }
  });
  return {
    seen,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

export async function pgRestartDrill(topology: Topology, opts: { downSeconds?: number } = {}): Promise<PgRestartFigures> {
  const session = await adminSession(topology.url);
  const grid = await drillGrid(session);
  const run = `p${Date.now().toString(36)}`;
  const readiness = watchReadiness(topology);
  const load = startWriteLoad(session, grid, { clients: 4, run });
  await sleep(3_000);
  const stoppedAt = Date.now();
  await topology.postgres.stop();
  await sleep((opts.downSeconds ?? 3) * 1000);
  await topology.postgres.start();
  const backAt = Date.now();

  // Recovered: every instance ready again, and a write acknowledged after the database returned.
  const readyAgain = async () => {
    for (;;) {
      const ready = topology.instances.every((i) => readiness.seen.some((s) => s.instance === i.name && s.at > backAt && s.status === 200));
      const wrote = load.result.outcomes.some((o) => (o.outcome.acknowledgedAt ?? 0) > backAt);
      if (ready && wrote) return Date.now();
      if (Date.now() - backAt > 60_000) return Date.now();
      await sleep(100);
    }
  };
  const recoveredAt = await readyAgain();
  await sleep(3_000);
  const result = await load.stop();
  await readiness.stop();
  const check = await checkLoad(topology.databaseUrl, run, result);

  const failures = result.outcomes.flatMap((o) => o.outcome.failures);
  const figures: PgRestartFigures = {
    acknowledged: check.acknowledged,
    status503: failures.filter((f) => f.status === 503).length,
    status500: failures.filter((f) => f.status === 500).length,
    otherFailures: failures.filter((f) => f.status !== 503 && f.status !== 500).length,
    unavailableWithoutRetryAfter: failures.filter((f) => f.status === 503 && !f.retryAfter).length,
    readyzSaidUnavailable: readiness.seen.some((s) => s.status === 503 && s.reason === 'database_unreachable'),
    recoverySeconds: (recoveredAt - backAt) / 1000,
    lost: check.lost,
    duplicates: check.duplicates,
  };
  const readyz503 = readiness.seen.filter((s) => s.status === 503).length;
  const otherStatuses = [...new Set(failures.filter((f) => f.status !== 503 && f.status !== 500).map((f) => String(f.status)))].join(', ') || '-';
  printTable(`pg-restart: PostgreSQL down ${((backAt - stoppedAt) / 1000).toFixed(1)} s (fast stop, start) under load`, [
    ['writes acknowledged (2xx)', figures.acknowledged],
    ['answers 503', figures.status503],
    ['  of which without Retry-After', figures.unavailableWithoutRetryAfter],
    ['answers 500', figures.status500],
    [`other failed tries (${otherStatuses})`, figures.otherFailures],
    ['/readyz 503 database_unreachable polls', readyz503],
    ['recovery after PostgreSQL is back (s)', figures.recoverySeconds.toFixed(1)],
    ['acknowledged but lost', figures.lost],
    ['duplicate rows', figures.duplicates],
  ]);
  return figures;
}
