// Reads of patrol logs and their photos, always over a region subtree.
import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { inLevelledSubtree, regionFields, subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';

/** Day counter metrics, one per figure of a log. */
export const METRICS = {
  logs: 'patrols.logs',
  gatheringsDispersed: 'patrols.gatherings',
  peopleDispersed: 'patrols.people_dispersed',
  maskReminders: 'patrols.mask_reminders',
  banquetsFound: 'patrols.banquets',
} as const;

const withNames = (db: Db) =>
  db
    .selectFrom('patrol_logs as l')
    .innerJoin('regions as r', 'r.id', 'l.region_id')
    .innerJoin('patrol_teams as p', 'p.id', 'l.team_id')
    .selectAll('l')
    .select(['r.name as region_name', 'p.name as team_name', displayNameOf('l.created_by').as('created_by_name')]);

export const findLog = (db: Db, id: string) => withNames(db).where('l.id', '=', id).executeTakeFirst();
export type LogRow = NonNullable<Awaited<ReturnType<typeof findLog>>>;

/** Newest day first, then newest log; `after` is the last row's (day, id). */
type LogFilters = { teamId?: string; from?: string; to?: string };

/** The patrol logs of a subtree matching a list's filters, the log rows alone: what the total counts (no name joins per row). */
export function logsCounted(db: Db, path: string, opts: LogFilters) {
  return withFilters(db.selectFrom('patrol_logs as l'), db, path, opts);
}

/** The same logs with the names a list shows, before paging. */
export function logsFiltered(db: Db, path: string, opts: LogFilters) {
  return withFilters(withNames(db), db, path, opts);
}

// biome-ignore lint/suspicious/noExplicitAny: a query over patrol_logs aliased `l`, with or without its name joins
function withFilters<Q extends SelectQueryBuilder<any, any, any>>(rows: Q, db: Db, path: string, opts: LogFilters): Q {
  let q = rows.where(inLevelledSubtree(db, path, 'l'));
  if (opts.teamId) q = q.where('l.team_id', '=', opts.teamId);
  if (opts.from) q = q.where('l.patrolled_on', '>=', opts.from);
  if (opts.to) q = q.where('l.patrolled_on', '<=', opts.to);
  return q as Q;
}

/** A page: a walk of the level's (level id, patrolled_on, id) index from the last row's key (a row value: the index range's start). */
export function pageOfLogs(db: Db, path: string, opts: LogFilters & { after?: { day: string; id: string }; limit: number }) {
  let q = logsFiltered(db, path, opts);
  const after = opts.after;
  if (after) q = q.where((eb) => eb(eb.refTuple('l.patrolled_on', 'l.id'), '<', eb.tuple(after.day, after.id)));
  return q.orderBy('l.patrolled_on', 'desc').orderBy('l.id', 'desc').limit(opts.limit + 1);
}

export const listLogs = (...args: Parameters<typeof pageOfLogs>) => pageOfLogs(...args).execute();

/** The photos of the given logs, in the order they were attached. */
export async function photosOf(db: Db, logIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(logIds.map((id) => [id, []]));
  if (logIds.length === 0) return out;
  const rows = await db.selectFrom('patrol_log_photos').select(['log_id', 'sha256']).where('log_id', 'in', logIds).orderBy('log_id').orderBy('seq').execute();
  for (const r of rows) out.get(r.log_id)?.push(r.sha256);
  return out;
}

// Teams are the checkpoints module's: read through its queries.
export { teamWithRegion as findTeam } from '../checkpoints/checkpoints.queries.ts';

export const findRegion = (db: Db, id: number) => regionFields(db, id, ['id', 'path', 'level']);

export { storedDigests as existingPhotos } from '../../platform/photo-store.ts';

/** Whether some log in the subtree shows the photo (its bytes come from the photo store). */
export const photoShownInSubtree = async (db: Db, path: string, sha256: string): Promise<boolean> =>
  (await db
    .selectFrom('patrol_log_photos as lp')
    .innerJoin('patrol_logs as l', 'l.id', 'lp.log_id')
    .select('lp.log_id')
    .where('lp.sha256', '=', sha256)
    .where('l.region_id', 'in', subtreeIds(db, path))
    .limit(1)
    .executeTakeFirst()) !== undefined;
