// The full recompute of a county after its rules change (and once a day, as "arrived within
// 14 days" expires with the calendar): people are read in keyset pages of 5,000 by id, each page
// coloured and written in its own short transaction, so memory stays flat at any county size
// and writers are never blocked for long. The job row tells its progress. A newer recompute of
// the same county supersedes a running one (it stops at its next page). At the end the counters
// are recounted from the stored colours, repairing anything a concurrent write raced past.
import type { Db } from '../../db/schema.ts';
import type { DB } from '../../db/schema.ts';
import type { Kysely } from 'kysely';
import { newId, nowIso } from '../../platform/ids.ts';
import { rebuildCounters } from '../stats/counters.ts';
import { RISK_METRIC_PREFIX, colourBatch, metricOf, selectPersonFacts } from './risk.compute.ts';
import { readRules } from './risk.rules.ts';
import { countCounties, regionsInSubtree, subtreeRegionIds } from '../regions/regions.queries.ts';

export const PAGE_SIZE = 5_000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';
/** A running job silent this long lost its process (a restart). */
export const STALE_AFTER_MS = 3 * 60_000;

export async function insertRiskJob(tx: Db, countyId: number, userId: string | null): Promise<string> {
  const id = newId();
  const now = nowIso();
  await tx.insertInto('risk_jobs').values({ id, county_id: countyId, user_id: userId, status: 'queued', total: 0, processed: 0, changed: 0, error: null, created_at: now, updated_at: now, finished_at: null }).execute();
  return id;
}

/** Recounts 'risk.yellow' and 'risk.red' of the county from person_risk. */
export function rebuildRiskCounters(db: Db, countyPath: string): Promise<void> {
  return rebuildCounters(db, countyPath, {
    prefixes: [RISK_METRIC_PREFIX],
    async count(tx, path) {
      const rows = await tx
        .selectFrom('person_risk')
        .select(['region_id', 'colour', (eb) => eb.fn.countAll<number>().as('n')])
        .where('region_id', 'in', subtreeRegionIds(tx, path))
        .groupBy(['region_id', 'colour'])
        .execute();
      return rows.map((r) => ({ regionId: r.region_id, metric: metricOf(r.colour), n: Number(r.n) }));
    },
  });
}

export interface RecomputeDeps {
  db: Kysely<DB>;
  /** The county's day (in its zone) the rules' windows count back from ("within 14 days"). */
  today: string;
  /** Told after each page and at the end (live progress for the page that started it). */
  onProgress?: (job: { id: string; countyPath: string; status: string; processed: number; total: number }) => void;
  pageSize?: number;
}

/** Runs a queued job to its end; a failure is recorded on the job (no internals) and rethrown for the caller to log. */
export async function runRiskJob(deps: RecomputeDeps, jobId: string): Promise<void> {
  const { db } = deps;
  const claimed = await db.updateTable('risk_jobs').set({ status: 'running', updated_at: nowIso() }).where('id', '=', jobId).where('status', '=', 'queued').executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) return;
  try {
    const job = await db.selectFrom('risk_jobs as j').innerJoin('regions as r', 'r.id', 'j.county_id').select(['j.county_id', 'r.path']).where('j.id', '=', jobId).executeTakeFirstOrThrow();
    const { rules } = await readRules(db, job.county_id);
    const { today } = deps;
    const regions = await regionsInSubtree(db, job.path, ['id', 'path']);
    const pathById = new Map(regions.map((r) => [r.id, r.path]));
    const paths = async () => pathById;
    const inCounty = () => subtreeRegionIds(db, job.path);
    // The usual database holds one county: its people are all the people, and the pages walk
    // the primary key with no region filter (which would make each page sort its range).
    const onlyCounty = (await countCounties(db)) === 1;
    const people = () => (onlyCounty ? selectPersonFacts(db) : selectPersonFacts(db).where('region_id', 'in', inCounty()));
    const totalRow = await db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).$call((q) => (onlyCounty ? q : q.where('region_id', 'in', inCounty()))).executeTakeFirst();
    const total = Number(totalRow?.n ?? 0);
    await db.updateTable('risk_jobs').set({ total, updated_at: nowIso() }).where('id', '=', jobId).execute();

    let after = FIRST_ID;
    let processed = 0;
    let changed = 0;
    const size = deps.pageSize ?? PAGE_SIZE;
    for (;;) {
      const rows = await people().where('id', '>', after).orderBy('id').limit(size).execute();
      const last = rows[rows.length - 1];
      if (!last) break;
      // The id range of the page: a person of another county inside it has a stored row that
      // applyVerdicts ignores (only this page's ids are compared).
      const span = { after, last: last.id };
      changed += await db.transaction().execute((tx) => colourBatch(tx, rows, rules, today, paths, span));
      processed += rows.length;
      after = last.id;
      const newer = await db.selectFrom('risk_jobs').select('id').where('county_id', '=', job.county_id).where('id', '>', jobId).executeTakeFirst();
      if (newer) {
        await db.updateTable('risk_jobs').set({ status: 'superseded', processed, changed, updated_at: nowIso(), finished_at: nowIso() }).where('id', '=', jobId).execute();
        deps.onProgress?.({ id: jobId, countyPath: job.path, status: 'superseded', processed, total });
        return;
      }
      await db.updateTable('risk_jobs').set({ processed, changed, updated_at: nowIso() }).where('id', '=', jobId).execute();
      deps.onProgress?.({ id: jobId, countyPath: job.path, status: 'running', processed, total });
    }
    // People of the county who moved to another county keep no stale row here: their own
    // county's recompute (or the edit that moved them) rewrote it.
    await rebuildRiskCounters(db, job.path);
    const now = nowIso();
    await db.updateTable('risk_jobs').set({ status: 'done', processed, total: Math.max(total, processed), changed, updated_at: now, finished_at: now }).where('id', '=', jobId).execute();
    deps.onProgress?.({ id: jobId, countyPath: job.path, status: 'done', processed, total });
  } catch (err) {
    const now = nowIso();
    await db
      .updateTable('risk_jobs')
      .set({ status: 'failed', error: 'the recompute failed on the server; it has been logged: run it again', updated_at: now, finished_at: now })
      .where('id', '=', jobId)
      .execute()
      .catch(() => undefined);
    throw err;
  }
}
