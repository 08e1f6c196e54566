// The drills by name, each with the invariants it must keep (as problems: empty = held).
import { kill9Drill } from './kill9.ts';
import { pgRestartDrill } from './pg-restart.ts';
import { phoneLossyDrill } from './phone-lossy.ts';
import { redisDownDrill } from './redis-down.ts';
import { replicaDrill } from './replica.ts';
import { sigtermDrill } from './sigterm.ts';
import type { Topology } from './topology.ts';

interface Drill {
  /** `topology` is the shared one (drills/topology.ts), or null for a drill that starts its own servers. */
  run(topology: Topology | null): Promise<string[]>;
  /** Starts its own servers: the shared topology is not opened for it. */
  ownServers?: true;
}

/** A drill that needs the shared topology. */
const onShared = (run: (t: Topology) => Promise<string[]>) => (t: Topology | null) => {
  if (!t) throw new Error('this drill runs on the shared topology');
  return run(t);
};

const problems = (checks: [boolean, string][]) => checks.filter(([ok]) => !ok).map(([, what]) => what);

export const DRILLS: Record<'kill9' | 'pg-restart' | 'redis-down' | 'sigterm' | 'phone-lossy' | 'replica', Drill> = {
  kill9: {
    run: onShared(async (t) => {
      const f = await kill9Drill(t);
      return problems([
        [f.lost === 0, `${f.lost} acknowledged writes lost`],
        [f.duplicates === 0, `${f.duplicates} duplicate rows`],
        [f.gaveUp === 0, `${f.gaveUp} writes never acknowledged`],
        [f.acknowledged > 0, 'no write acknowledged at all'],
      ]);
    }),
  },
  'pg-restart': {
    run: onShared(async (t) => {
      const f = await pgRestartDrill(t);
      return problems([
        [f.status500 === 0, `${f.status500} answers were 500`],
        [f.unavailableWithoutRetryAfter === 0, `${f.unavailableWithoutRetryAfter} 503 answers without Retry-After`],
        [f.readyzSaidUnavailable, '/readyz never reported the database unreachable'],
        [f.recoverySeconds <= 10, `instances took ${f.recoverySeconds.toFixed(1)} s (> 10 s) to recover`],
        [f.lost === 0 && f.duplicates === 0, `${f.lost} lost, ${f.duplicates} duplicates`],
      ]);
    }),
  },
  'redis-down': {
    run: onShared(async (t) => {
      const f = await redisDownDrill(t);
      return problems([
        [f.publicServerErrors === 0, `${f.publicServerErrors} public requests failed with 5xx while Redis was down`],
        [f.publicRateLimited === 0, `${f.publicRateLimited} public requests were refused (rate limits must fail open)`],
        [f.eventAcrossInstancesMs !== null, 'the live event written on one instance never reached the SSE client on another'],
      ]);
    }),
  },
  sigterm: {
    run: onShared(async (t) => {
      const f = await sigtermDrill(t);
      return problems([
        [f.inFlightFailed === 0, `${f.inFlightFailed} requests in flight failed`],
        [f.sseToldToReconnect, 'the SSE client was not told to reconnect before the stream closed'],
        [f.lost === 0 && f.duplicates === 0, `${f.lost} lost, ${f.duplicates} duplicates`],
        [f.exitCode === 0, `the instance exited with ${f.exitCode}`],
      ]);
    }),
  },
  'phone-lossy': {
    run: onShared(async (t) => {
      const f = await phoneLossyDrill(t);
      return problems([
        [f.appliedOnce === f.changes, `${f.changes - f.appliedOnce} changes not applied exactly once`],
        [f.inOrder, 'changes were applied out of order'],
        [f.refused === 0, `${f.refused} changes refused`],
      ]);
    }),
  },
  replica: {
    ownServers: true,
    async run() {
      const f = await replicaDrill();
      return problems([
        [f.writerSawOwnWrite === f.writes, `the writer missed ${f.writes - f.writerSawOwnWrite} of its own writes`],
        [f.readerReadsUnderBound === 0 || f.readerStaleUnderBound > 0, 'the other account never read the lagging copy: was the replica used at all?'],
        [f.fallbackSeconds <= f.lagBoundSeconds + 3, `reads went to the primary ${f.fallbackSeconds.toFixed(1)} s after replay stopped (bound ${f.lagBoundSeconds} s)`],
        [f.correctWhileDown === f.readsWhileDown, `${f.readsWhileDown - f.correctWhileDown} reads failed or missed the write while the replica was down`],
        [f.serverErrors === 0 && f.networkErrors === 0, `${f.serverErrors} answers 5xx, ${f.networkErrors} network errors`],
      ]);
    },
  },
};

export type DrillName = keyof typeof DRILLS;
export const QUICK_DRILLS: DrillName[] = ['kill9', 'redis-down', 'sigterm', 'phone-lossy'];
