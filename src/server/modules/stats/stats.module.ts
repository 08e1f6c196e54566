// The counters every roll-up and the dashboard read (counters.ts): their nightly reconciliation
// and how they follow a region that moves. Which counters exist, and how each is recounted, the
// modules that keep them say in their own definitions.
import { parentPathOf } from '../../platform/region-moves.ts';
import type { ModuleDefinition } from '../module-definition.ts';
import { moveCounters } from './counters.ts';
import { reconcileCountersJob } from './reconcile.job.ts';

export const statsModule = {
  name: 'stats',
  jobs: (ctx) => [reconcileCountersJob({ timeZone: ctx.config.timeZone, recounts: ctx.recounts })],
  // A counter row holds its region's whole subtree: a moved region's totals leave the old
  // ancestors and join the new ones.
  onRegionMoved: (tx, move) => moveCounters(tx, move.regionId, parentPathOf(move.fromPath), parentPathOf(move.toPath)),
} satisfies ModuleDefinition;
