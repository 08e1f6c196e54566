// SQL of the retention module: the county's policies, stand-downs and purge runs.
import { sql } from 'kysely';
import type { AUDIT_LOG_RETENTION, PurgeKind, RetentionKind } from '../../../shared/retention.ts';
import type { Db } from '../../db/schema.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';
import type { PurgeRunsTable, StandDownsTable } from './retention.tables.ts';

type StoredKind = RetentionKind | typeof AUDIT_LOG_RETENTION;

/** The county's stored days by kind (the data's kinds and the audit log's). */
export async function storedPolicies(db: Db, countyId: number): Promise<Map<StoredKind, number>> {
  const rows = await db.selectFrom('retention_policies').select(['kind', 'days']).where('county_id', '=', countyId).execute();
  return new Map(rows.map((r) => [r.kind, Number(r.days)]));
}

/** Every county's stored days of one kind. */
export async function storedOfKind(db: Db, kind: StoredKind): Promise<{ countyId: number; days: number }[]> {
  const rows = await db.selectFrom('retention_policies').select(['county_id', 'days']).where('kind', '=', kind).execute();
  return rows.map((r) => ({ countyId: r.county_id, days: Number(r.days) }));
}

export async function storePolicy(tx: Db, row: { county_id: number; kind: StoredKind; days: number; updated_by: string | null; updated_at: string }) {
  await tx
    .insertInto('retention_policies')
    .values(row)
    .onConflict((oc) => oc.columns(['county_id', 'kind']).doUpdateSet({ days: row.days, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}

const STAND_DOWN_COLUMNS = ['id', 'region_id', 'ended_on', 'purge_after_days', 'register', 'created_at', 'purged_at', 'revoked_at'] as const;
export type StandDownRow = Pick<StandDownsTable, (typeof STAND_DOWN_COLUMNS)[number]>;

export const findStandDown = (db: Db, id: string) => db.selectFrom('stand_downs').select(STAND_DOWN_COLUMNS).where('id', '=', id).executeTakeFirst();

/** Standing (not revoked) stand-downs of the regions with these ids. */
export const standingOfRegions = (db: Db, regionIds: readonly number[]) =>
  regionIds.length === 0 ? Promise.resolve([]) : db.selectFrom('stand_downs').select(STAND_DOWN_COLUMNS).where('region_id', 'in', [...regionIds]).where('revoked_at', 'is', null).execute();

/** Standing stand-downs of a subtree's regions. */
export const standingInSubtree = (db: Db, path: string) =>
  db.selectFrom('stand_downs').select(STAND_DOWN_COLUMNS).where('region_id', 'in', subtreeRegionIds(db, path)).where('revoked_at', 'is', null).orderBy('region_id').execute();

export const insertStandDown = (tx: Db, row: StandDownsTable) => tx.insertInto('stand_downs').values(row).execute();

/** Revokes a standing one not yet purged; false when it was purged (or revoked) meanwhile. */
export async function revokeStandDown(tx: Db, id: string, by: string, at: string): Promise<boolean> {
  const res = await tx.updateTable('stand_downs').set({ revoked_by: by, revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).where('purged_at', 'is', null).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const markStandDownsPurged = (tx: Db, ids: readonly string[], at: string) =>
  ids.length === 0 ? Promise.resolve() : tx.updateTable('stand_downs').set({ purged_at: at }).where('id', 'in', [...ids]).where('revoked_at', 'is', null).execute().then(() => undefined);

export const insertRun = (tx: Db, row: PurgeRunsTable) => tx.insertInto('purge_runs').values(row).execute();

export const runningRun = (db: Db) => db.selectFrom('purge_runs').selectAll().where('status', '=', 'running').executeTakeFirst();
export const latestRun = (db: Db) => db.selectFrom('purge_runs').selectAll().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
export const findRun = (db: Db, id: string) => db.selectFrom('purge_runs').selectAll().where('id', '=', id).executeTakeFirst();

/** Takes over a running run whose runner has been silent since before `staleBefore`. */
export async function takeOverRun(tx: Db, id: string, oldOwner: string, newOwner: string, staleBefore: string, at: string): Promise<boolean> {
  const res = await tx
    .updateTable('purge_runs')
    .set({ owner: newOwner, heartbeat_at: at })
    .where('id', '=', id)
    .where('owner', '=', oldOwner)
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** A batch's bookkeeping: adds `n` to the run and beats its heart; false when the runner no longer owns the run. */
export async function recordBatch(tx: Db, runId: string, owner: string, n: number, at: string): Promise<boolean> {
  const res = await tx
    .updateTable('purge_runs')
    .set({ total: sql`total + ${n}`, heartbeat_at: at })
    .where('id', '=', runId)
    .where('owner', '=', owner)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function addRunCounts(tx: Db, runId: string, counts: ReadonlyMap<string, number>) {
  const rows = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, n]) => {
      const [kind, regionId] = key.split('\u0000') as [PurgeKind, string];
      return { run_id: runId, kind, region_id: Number(regionId), n };
    });
  if (rows.length === 0) return;
  await tx
    .insertInto('purge_run_counts')
    .values(rows)
    .onConflict((oc) => oc.columns(['run_id', 'kind', 'region_id']).doUpdateSet({ n: sql`purge_run_counts.n + excluded.n` }))
    .execute();
}

export const runCounts = (db: Db, runId: string) => db.selectFrom('purge_run_counts').select(['kind', 'region_id', 'n']).where('run_id', '=', runId).execute();

export async function finishRunRow(db: Db, runId: string, owner: string, status: 'done' | 'failed', at: string, error: string | null) {
  await db.updateTable('purge_runs').set({ status, finished_at: at, heartbeat_at: at, error }).where('id', '=', runId).where('owner', '=', owner).where('status', '=', 'running').execute();
}
