// The import_jobs table: one row per upload, its progress and its rejected rows. Written for
// every kind of import (territory, people): nothing here knows what the rows are.
import type { Db } from '../../db/schema.ts';
import type { ImportJobsTable } from './imports.tables.ts';
import type { Actor } from '../../platform/access.ts';
import { inSubtree } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { UUID_RE, nowIso } from '../../platform/ids.ts';
import type { JobFailure } from './import-refusal.ts';

export const MAX_STORED_REJECTIONS = 1_000;
/** A queued or running job silent this long lost its process (a restart): it is failed. */
export const STALE_AFTER_MS = 3 * 60_000;

export type ImportMode = 'valid-rows' | 'all-or-nothing';
export interface ImportRejection {
  row: number;
  column: string;
  message: string;
  /** shared/import-reasons.ts: the web shows it in the user's language. */
  code?: string;
  params?: Record<string, string | number>;
}
export type ImportPhase = 'reading' | 'checking' | 'writing';
export interface ImportJobView {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  mode: ImportMode;
  /** Thousandths done: of the file's bytes while reading, then of the later phases. */
  progress: number;
  phase: ImportPhase | null;
  fileName: string | null;
  total: number;
  processed: number;
  imported: number;
  rejected: ImportRejection[];
  /** All rejections, also those beyond the first 1,000 listed. */
  rejectedCount: number;
  error?: string;
  /** A refused file: the code and parameters of `error` (shared/import-reasons.ts). */
  errorCode?: string;
  errorParams?: Record<string, string | number>;
  /** While queued: how many imports wait ahead of this one in its server's queue. */
  queuePosition?: number;
  createdAt: string;
  finishedAt: string | null;
}

export async function insertJob(
  tx: Db,
  job: { id: string; kind: string; userId: string; regionId: number; mode: ImportMode; fileName: string | null; uploadRef?: string | null; options?: unknown },
) {
  const now = nowIso();
  await tx
    .insertInto('import_jobs')
    .values({
      id: job.id,
      kind: job.kind,
      user_id: job.userId,
      region_id: job.regionId,
      status: 'queued',
      mode: job.mode,
      file_name: job.fileName,
      total: 0,
      processed: 0,
      imported: 0,
      rejected: '[]',
      rejected_count: 0,
      error: null,
      created_at: now,
      updated_at: now,
      finished_at: null,
      progress: 0,
      phase: null,
      upload_ref: job.uploadRef ?? null,
      options: job.options === undefined ? null : JSON.stringify(job.options),
      error_code: null,
      error_params: null,
      queue_position: null,
    })
    .execute();
}

/** queued → running; false when another runner (or a replayed request) got there first. */
export async function claimJob(db: Db, id: string): Promise<boolean> {
  const res = await db.updateTable('import_jobs').set({ status: 'running', queue_position: null, updated_at: nowIso() }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function jobProgress(db: Db, id: string, progress: { total?: number; processed?: number; progress?: number; phase?: ImportPhase }) {
  await db.updateTable('import_jobs').set({ ...progress, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function finishJob(tx: Db, id: string, result: { total: number; imported: number; rejected: ImportRejection[]; rejectedCount?: number }) {
  const now = nowIso();
  await tx
    .updateTable('import_jobs')
    .set({
      status: 'done',
      total: result.total,
      processed: result.total,
      imported: result.imported,
      rejected: JSON.stringify(result.rejected.slice(0, MAX_STORED_REJECTIONS)),
      rejected_count: result.rejectedCount ?? result.rejected.length,
      progress: 1000,
      updated_at: now,
      finished_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** `error` is shown to the uploader: it must say what is wrong without personal data. */
export async function failJob(db: Db, id: string, error: string | JobFailure) {
  const now = nowIso();
  const failure = typeof error === 'string' ? { message: error } : error;
  await db
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      error: failure.message,
      error_code: failure.code ?? null,
      error_params: failure.params ? JSON.stringify(failure.params) : null,
      queue_position: null,
      updated_at: now,
      finished_at: now,
    })
    .where('id', '=', id)
    .execute();
}

type JobRow = Pick<
  ImportJobsTable,
  | 'id'
  | 'kind'
  | 'status'
  | 'mode'
  | 'total'
  | 'processed'
  | 'imported'
  | 'rejected'
  | 'rejected_count'
  | 'error'
  | 'error_code'
  | 'error_params'
  | 'queue_position'
  | 'created_at'
  | 'finished_at'
  | 'progress'
  | 'phase'
  | 'file_name'
>;
export const toJobView = (row: JobRow): ImportJobView => ({
  id: row.id,
  kind: row.kind,
  status: row.status,
  mode: row.mode as ImportMode,
  progress: row.progress,
  phase: (row.phase as ImportPhase | null) ?? null,
  fileName: row.file_name,
  total: row.total,
  processed: row.processed,
  imported: row.imported,
  rejected: JSON.parse(row.rejected) as ImportRejection[],
  rejectedCount: row.rejected_count,
  ...(row.error ? { error: row.error } : {}),
  ...(row.error_code ? { errorCode: row.error_code } : {}),
  ...(row.error_params ? { errorParams: JSON.parse(row.error_params) as Record<string, string | number> } : {}),
  ...(row.status === 'queued' && row.queue_position !== null ? { queuePosition: row.queue_position } : {}),
  createdAt: row.created_at,
  finishedAt: row.finished_at,
});

/** The uploader sees their jobs; an admin sees every job of their subtree; others get 404. */
export async function readJob(db: Db, actor: Actor, kind: string | null, id: string): Promise<ImportJobView> {
  const row = await readJobRow(db, actor, kind, id);
  return toJobView(row);
}

export async function readJobRow(db: Db, actor: Actor, kind: string | null, id: string) {
  if (!UUID_RE.test(id)) throw notFound('import');
  const row = await db
    .selectFrom('import_jobs as j')
    .innerJoin('regions as r', 'r.id', 'j.region_id')
    .selectAll('j')
    .select('r.path')
    .where('j.id', '=', id)
    .$if(kind !== null, (q) => q.where('j.kind', '=', kind as string))
    .executeTakeFirst();
  const visible = row && (row.user_id === actor.userId || (actor.role === 'admin' && inSubtree(actor.regionPath, row.path)));
  if (!row || !visible) throw notFound('import');
  if ((row.status === 'queued' || row.status === 'running') && Date.parse(row.updated_at) < Date.now() - STALE_AFTER_MS) {
    const error = 'the import was interrupted (the server restarted): upload the file again';
    await failJob(db, id, error);
    return { ...row, status: 'failed' as const, error, error_code: null, error_params: null, queue_position: null, finished_at: nowIso() };
  }
  return row;
}

/** An account's 20 most recent imports, of one kind or all, newest first. */
export const recentJobsOf = (db: Db, userId: string, kind: string | undefined) =>
  db
    .selectFrom('import_jobs')
    .selectAll()
    .where('user_id', '=', userId)
    .$if(kind !== undefined, (q) => q.where('kind', '=', kind as string))
    .orderBy('id', 'desc')
    .limit(20)
    .execute();

/** Puts a failed job back in the queue with its counts cleared; a job in any other state is left alone. */
export async function requeueFailedJob(tx: Db, id: string): Promise<void> {
  await tx
    .updateTable('import_jobs')
    .set({ status: 'queued', error: null, progress: 0, phase: null, processed: 0, total: 0, imported: 0, rejected: '[]', rejected_count: 0, finished_at: null, updated_at: nowIso() })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .execute();
}
