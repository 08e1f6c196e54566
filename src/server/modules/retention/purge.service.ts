// The purge: one run at a time across every instance (purge_runs' partial unique index), in
// batches (sized by time on SQLite, with a rest after each: purge-pace.ts; the due records found
// a window of up to the largest batch at a time, on SQLite in a reader thread: purgeFinder),
// each batch its own transaction holding the records' removal,
// the counts they leave behind (purged_counts), the photos no longer linked, the run's counts and
// its heartbeat — so a crash leaves every record fully there or fully gone, and the next run
// (or a takeover of the silent one) simply finds what is still due. Sealed files are deleted
// after their batch commits; a crash in between leaves a file no job names, which the orphan
// sweep at the end of every run removes.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { PurgeRun } from '../../../shared/retention.ts';
import { isUniqueViolation, writesBlockTheServer } from '../../db/dialect.ts';
import type { Database } from '../../db/connect.ts';
import type { DB, Db } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { deletePhotos, storedPhotosBefore } from '../../platform/photo-store.ts';
import { removeUpload, sealedUploadsBefore } from '../imports/sealed-upload.ts';
import { keepPurgedCounts } from '../stats/counters.ts';
import { BatchPacer, POSTGRES_PACE, type PaceOptions, SQLITE_PACE } from './purge-pace.ts';
import { type CountyPlan, type Pass, countKey, planPurge } from './purge-plan.ts';
import type { DueRecord } from './retention-handler.ts';
import { unlinkedPhotos, unlinkedUploads } from './retention.kinds.ts';
import * as q from './retention.queries.ts';
import type { PurgeRunsTable } from './retention.tables.ts';

/** A runner silent this long (no batch committed) is taken to have died: its run may be taken over. */
export const PURGE_STALE_MS = 2 * 60_000;
const BATCH = 500;
/** Photos and files younger than this are never swept: an upload may be on its way to its record. */
const ORPHAN_GRACE_MS = 24 * 3_600_000;

export interface PurgeDeps {
  db: Kysely<DB>;
  /**
   * Where the due records are found (purgeFinder: on SQLite a reader thread, so the finding
   * query never holds the server's thread); `db` when not given.
   */
  find?: Kysely<DB>;
  dataDir: string;
  timeZone: string;
  log?: FastifyBaseLogger;
  /** A fixed batch size, with no rest between batches (tests). */
  batchSize?: number;
  /** How batches are sized and spaced; by default the dialect's (purge-pace.ts). */
  pace?: PaceOptions;
  now?: () => Date;
  /** Tests: called inside each batch's transaction after its work (a throw there is a crash mid-batch). */
  inBatch?: (kind: string, batchNo: number) => void;
}

export interface StartedRun {
  run: PurgeRunsTable;
  /** Whether a silent runner's run was taken over (resumed) rather than a new one begun. */
  resumed: boolean;
}

/**
 * Claims the purge: a new run, or a silent one taken over. Refused (409) while a live runner
 * holds one — from this instance or another. Call it inside the request's transaction; run it
 * (runPurge) after the commit.
 */
export async function claimPurge(tx: Db, ctx: AuditContext, now: Date): Promise<StartedRun> {
  const at = now.toISOString();
  const owner = newId();
  const running = await q.runningRun(tx);
  if (running) {
    const staleBefore = new Date(now.getTime() - PURGE_STALE_MS).toISOString();
    if (running.heartbeat_at < staleBefore && (await q.takeOverRun(tx, running.id, running.owner, owner, staleBefore, at))) {
      await audit(tx, ctx, { action: 'purge_resume', entity: 'purge_run', entityId: running.id, details: { removedSoFar: Number(running.total) } });
      return { run: { ...running, owner, heartbeat_at: at }, resumed: true };
    }
    throw alreadyRunning(running);
  }
  const run: PurgeRunsTable = { id: newId(), status: 'running', owner, started_by: ctx.userId, started_at: at, heartbeat_at: at, finished_at: null, total: 0, error: null };
  try {
    await q.insertRun(tx, run);
  } catch (err) {
    // Another instance's claim committed between our read and insert. On PostgreSQL the failed
    // insert aborted this transaction, so nothing more can be read in it (reading the other run
    // failed with "current transaction is aborted" when the two claims really raced): the reason
    // without the other run's details.
    if (isUniqueViolation(err)) throw alreadyRunning(undefined);
    throw err;
  }
  await audit(tx, ctx, { action: 'purge_start', entity: 'purge_run', entityId: run.id });
  return { run, resumed: false };
}

function alreadyRunning(run: { started_at: string; total: number } | undefined) {
  const since = run ? ` since ${new Date(run.started_at).toISOString()}, ${Number(run.total)} records removed so far` : '';
  return new AppError('CONFLICT', `A purge is already running${since}: wait for it to finish (its progress is at GET /api/v1/retention/purge)`);
}

/**
 * Where the purge looks for due records: the database's fresh bulk lane (connect.ts). On SQLite
 * that is a reader thread, as better-sqlite3 answers on the thread that asks and a window's query
 * held the server's only thread for 2–3 s at 250,000 people (the staff pages' p99 rose 2.4×
 * during the purge); it sees every batch committed before it is asked, and is never a replica.
 */
export const purgeFinder = (database: Pick<Database, 'bulkReadFresh'>): Kysely<DB> => database.bulkReadFresh;

class LostRun extends Error {}

/** Runs a claimed purge to its end; returns the records removed. Marks the run failed on an error (the next run resumes). */
export async function runPurge(deps: PurgeDeps, claimed: Pick<PurgeRunsTable, 'id' | 'owner'>): Promise<number> {
  const now = deps.now ?? (() => new Date());
  let removed = 0;
  try {
    const plans = await planPurge(deps.db, now(), deps.timeZone);
    for (const plan of plans) {
      for (const pass of plan.passes) removed += await runPass(deps, claimed, plan, pass);
      await deps.db.transaction().execute((tx) => q.markStandDownsPurged(tx, plan.standDownsDue.map((s) => s.id), now().toISOString()));
    }
    await sweepOrphans(deps, now());
    const counts = await q.runCounts(deps.db, claimed.id);
    const byKind: Record<string, number> = {};
    for (const c of counts) byKind[c.kind] = (byKind[c.kind] ?? 0) + Number(c.n);
    await deps.db.transaction().execute(async (tx) => {
      await q.finishRunRow(tx, claimed.id, claimed.owner, 'done', now().toISOString(), null);
      await audit(tx, { userId: null, ip: null }, { action: 'purge_done', entity: 'purge_run', entityId: claimed.id, details: { removed: byKind, total: removed } });
    });
    return removed;
  } catch (err) {
    if (err instanceof LostRun) {
      deps.log?.warn({ runId: claimed.id }, 'purge run taken over by another instance; this runner stops');
      return removed;
    }
    deps.log?.error({ err, runId: claimed.id }, 'purge failed; the next run resumes from what is still due');
    const message = err instanceof Error ? err.message.slice(0, 500) : 'failed';
    await q.finishRunRow(deps.db, claimed.id, claimed.owner, 'failed', now().toISOString(), message).catch(() => undefined);
    throw err;
  }
}

async function runPass(deps: PurgeDeps, claimed: Pick<PurgeRunsTable, 'id' | 'owner'>, plan: CountyPlan, pass: Pass): Promise<number> {
  const now = deps.now ?? (() => new Date());
  let removed = 0;
  const pace = paceOf(deps);
  const pacer = new BatchPacer(pace);
  const findOn = deps.find ?? deps.db;
  // Whether the finding query runs on this thread (SQLite without a reader): then the rest after
  // a batch counts it too.
  const findingHoldsThread = findOn === deps.db && writesBlockTheServer(deps.db);
  // Found a window at a time, removed a batch at a time: finding the due households of a
  // 250,000-person county takes as long for 10 as for 500 (2.2–3.4 s at load 29), and asking
  // again for every batch of 10 ran the register purge at ~3 records/s against the raw delete's
  // 601. A record found due but held by new work by its turn is kept by the handler's own check
  // inside the batch's transaction, as before.
  let found: DueRecord[] = [];
  for (let batchNo = 0; ; batchNo++) {
    let findingMs = 0;
    if (found.length === 0) {
      const findStarted = performance.now();
      found = await pass.handler.due(findOn, pass, Math.max(pacer.next, pace.maxSize));
      if (findingHoldsThread) findingMs = performance.now() - findStarted;
    }
    const records = found.splice(0, pacer.next);
    if (records.length === 0) return removed;
    const workStarted = performance.now();
    const batch = await deps.db.transaction().execute(async (tx) => {
      const outcome = await pass.handler.purge(tx, records);
      if (outcome.counts?.length) await keepPurgedCounts(tx, outcome.counts);
      if (outcome.photos?.length) await deletePhotos(tx, await unlinkedPhotos(tx, outcome.photos));
      const kept = new Set(outcome.kept ?? []);
      const done = records.filter((r) => !kept.has(r.id));
      const counts = new Map<string, number>();
      for (const r of done) {
        const key = countKey(pass.kind, plan.groupOf.get(r.regionId) ?? plan.county.id);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await q.addRunCounts(tx, claimed.id, counts);
      if (!(await q.recordBatch(tx, claimed.id, claimed.owner, done.length, now().toISOString()))) throw new LostRun();
      deps.inBatch?.(pass.kind, batchNo);
      return { uploads: outcome.uploads ?? [], done: done.length };
    });
    const workMs = performance.now() - workStarted;
    for (const ref of await unlinkedUploads(deps.db, batch.uploads)) removeUpload(deps.dataDir, ref);
    removed += batch.done;
    // Let the staff's requests in between two batches (on SQLite for as long as the batch held
    // the thread: its removal, and the finding when it ran here rather than in a reader).
    await pacer.after(records.length, workMs, performance.now() - workStarted + findingMs);
  }
}

function paceOf(deps: PurgeDeps): PaceOptions {
  if (deps.batchSize) return { firstSize: deps.batchSize, minSize: deps.batchSize, maxSize: deps.batchSize, budgetMs: Number.POSITIVE_INFINITY, duty: 1 };
  return deps.pace ?? (writesBlockTheServer(deps.db) ? SQLITE_PACE : POSTGRES_PACE);
}

/** Photos no record links and sealed files no job or list names, older than a day. */
export async function sweepOrphans(deps: Pick<PurgeDeps, 'db' | 'dataDir'>, now: Date): Promise<{ photos: number; uploads: number }> {
  const before = new Date(now.getTime() - ORPHAN_GRACE_MS).toISOString();
  let photos = 0;
  for (let after = ''; ; ) {
    const page = await storedPhotosBefore(deps.db, before, after, BATCH);
    if (page.length === 0) break;
    after = page[page.length - 1] as string;
    await deps.db.transaction().execute(async (tx) => {
      const orphans = await unlinkedPhotos(tx, page);
      await deletePhotos(tx, orphans);
      photos += orphans.length;
    });
  }
  const refs = sealedUploadsBefore(deps.dataDir, now.getTime() - ORPHAN_GRACE_MS);
  const orphans = await unlinkedUploads(deps.db, refs);
  for (const ref of orphans) removeUpload(deps.dataDir, ref);
  return { photos, uploads: orphans.length };
}

export async function runAnswer(db: Db, run: PurgeRunsTable | undefined): Promise<PurgeRun | null> {
  if (!run) return null;
  const removed: Record<string, number> = {};
  for (const c of await q.runCounts(db, run.id)) removed[c.kind] = (removed[c.kind] ?? 0) + Number(c.n);
  return {
    id: run.id,
    status: run.status,
    startedAt: new Date(run.started_at).toISOString(),
    finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
    heartbeatAt: new Date(run.heartbeat_at).toISOString(),
    removed,
    total: Number(run.total),
    error: run.error,
  };
}
