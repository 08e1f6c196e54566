// Overdue work climbs the region tree (督办): a task past its deadline answers first to its
// region's parent, then one level higher for every further ESCALATE_EVERY_DAYS it stays open,
// until it reaches the root. Rectification tasks and hand-overs share the rule; each module's
// hourly job applies it to its own rows with a compare-and-set on the level it read, so a
// retried or overlapping run changes nothing more.

export const ESCALATE_EVERY_DAYS = 3;

/** The region a task of the region at `path` answers to at `level`: 0 that region, 1 its parent, … up to the root; null above it. */
export function escalationTarget(path: string, level: number): number | null {
  const ids = path.split('/').filter((s) => s !== '').map(Number);
  return ids[ids.length - 1 - level] ?? null;
}

/** The moment before which a task escalated last must have been to climb again. */
export const escalateAgainBefore = (now: Date): string => new Date(now.getTime() - ESCALATE_EVERY_DAYS * 86_400_000).toISOString();
