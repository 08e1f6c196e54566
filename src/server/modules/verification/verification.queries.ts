// SQL of verification lists and tasks. Regions are read through the regions module's queries
// (subtreeRegionIds), people through the households module's.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { nowIso } from '../../platform/ids.ts';
import { inLevelledSubtree, subtreeRegionIds } from '../regions/regions.queries.ts';
import type { ListStatus, TaskStatus } from '../../../shared/verification.ts';
import type { SpotCheckStatus } from '../../../shared/verification-checks.ts';
import type { EnterpriseCodesTable, VerificationListsTable, VerificationSpotChecksTable, VerificationTasksTable } from './verification.tables.ts';

export const findList = (db: Db, id: string) => db.selectFrom('verification_lists').selectAll().where('id', '=', id).executeTakeFirst();

export const insertList = (db: Db, row: VerificationListsTable) => db.insertInto('verification_lists').values(row).execute();

/** The lists whose region lies in the subtree, newest first. */
export const listsInSubtree = (db: Db, path: string, limit: number) =>
  db.selectFrom('verification_lists').selectAll().where('region_id', 'in', subtreeRegionIds(db, path)).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

export async function updateList(db: Db, id: string, values: Partial<VerificationListsTable>, fromStatus?: ListStatus): Promise<boolean> {
  let update = db.updateTable('verification_lists').set({ ...values, updated_at: nowIso() }).where('id', '=', id);
  if (fromStatus !== undefined) update = update.where('status', '=', fromStatus);
  const res = await update.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** person_key → task id of a list's tasks: a new version adds only people these lack. */
export async function taskKeysOf(db: Db, listId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('verification_tasks').select(['person_key', 'id']).where('list_id', '=', listId).execute();
  return new Map(rows.map((r) => [r.person_key, r.id]));
}

export const rememberedMapping = (db: Db, source: string) => db.selectFrom('verification_mappings').select('mapping').where('source', '=', source).executeTakeFirst();

export async function rememberMapping(db: Db, source: string, mapping: string): Promise<void> {
  await db
    .insertInto('verification_mappings')
    .values({ source, mapping, updated_at: nowIso() })
    .onConflict((oc) => oc.column('source').doUpdateSet({ mapping, updated_at: nowIso() }))
    .execute();
}

export const findTask = (db: Db, id: string) => db.selectFrom('verification_tasks').selectAll().where('id', '=', id).executeTakeFirst();

export const taskByNumber = (db: Db, number: string) => db.selectFrom('verification_tasks').select(['id', 'list_id']).where('number', '=', number).executeTakeFirst();

export const tasksByIds = (db: Db, ids: readonly string[]) => db.selectFrom('verification_tasks').select(['id', 'region_id', 'status']).where('id', 'in', ids).execute();

export async function updateTask(db: Db, id: string, version: number, values: Partial<VerificationTasksTable>): Promise<boolean> {
  const res = await db
    .updateTable('verification_tasks')
    .set({ ...values, updated_at: nowIso(), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** `n` of a list's tasks left its unrouted pool (assigned or moved by hand): its figures say so at once. */
export const poolAssigned = (db: Db, listId: string, n: number) =>
  db
    .updateTable('verification_lists')
    .set((eb) => ({ routed: eb('routed', '+', n), unrouted: sql<number>`case when unrouted > ${n} then unrouted - ${n} else 0 end`, updated_at: nowIso() }))
    .where('id', '=', listId)
    .execute();

export interface TaskFilters {
  listId?: string;
  status?: TaskStatus;
  /** Only the tasks still in a pool (routed by nobody). */
  unrouted?: boolean;
  /** Only the tasks escalated past their deadline. */
  escalated?: boolean;
}

/**
 * The columns a task shows (toTask): not the encrypted numbers, their hashes, the list's own
 * note or the bookkeeping. A page of 50 wide rows cost more to read, copy from the reader thread
 * and drop than the query itself (issue 18, Speed).
 */
export const TASK_COLUMNS = [
  'id', 'number', 'list_id', 'region_id', 'name', 'id_number_masked', 'phone_masked', 'address', 'origin', 'arrived_on', 'flags', 'status', 'outcome',
  'outcome_note', 'due_at', 'routed_by', 'route_reason', 'route_score', 'person_id', 'recorded_by', 'checked_at', 'review_note', 'escalation_level',
  'escalated_to_region_id', 'version',
] as const satisfies readonly (keyof VerificationTasksTable)[];
export type TaskRow = Pick<VerificationTasksTable, (typeof TASK_COLUMNS)[number]>;

/** A page of a subtree's tasks, soonest due first, after the (due_at, id) key of the last page. */
export function pageOfTasks(db: Db, path: string, filters: TaskFilters, after: { dueAt: string; id: string } | undefined, limit: number) {
  const { status } = filters;
  return db
    .selectFrom('verification_tasks')
    .select(TASK_COLUMNS)
    .where(inLevelledSubtree(db, path, 'verification_tasks'))
    .$if(filters.listId !== undefined, (q) => q.where('list_id', '=', filters.listId as string))
    .$if(status !== undefined, (q) => (status === undefined ? q : q.where('status', '=', status)))
    .$if(filters.unrouted === true, (q) => q.where('routed_by', 'is', null))
    .$if(filters.unrouted === false, (q) => q.where('routed_by', 'is not', null))
    .$if(filters.escalated === true, (q) => q.where('escalation_level', '>', 0))
    .$if(after !== undefined, (q) =>
      // A row value: both databases start the level's (level id, due_at, id) index range there.
      q.where((eb) => eb(eb.refTuple('due_at', 'id'), '>', eb.tuple((after as { dueAt: string }).dueAt, (after as { id: string }).id))),
    )
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit + 1);
}

export const listTasks = (...args: Parameters<typeof pageOfTasks>) => pageOfTasks(...args).execute();

/** The list's rows in the file's order with their task's outcome, for the feedback workbook, a page at a time. */
export function feedbackRows(db: Db, listId: string, afterRow: number, limit: number) {
  return db
    .selectFrom('verification_rows as v')
    .leftJoin('verification_tasks as t', 't.id', 'v.task_id')
    .select(['v.row_no', 'v.cells_enc', 't.number', 't.region_id', 't.status', 't.outcome', 't.outcome_note', 't.moved_to', 't.checked_at'])
    .where('v.list_id', '=', listId)
    .where('v.row_no', '>', afterRow)
    .orderBy('v.row_no')
    .limit(limit)
    .execute();
}

// ---------------------------------------------------------------- spot checks

const CLOSED = ['checked', 'accepted'] as const;

/** Closed tasks of a list in a subtree, and how many of them a town already drew. */
export async function spotCheckCounts(db: Db, listId: string, path: string, townId: number): Promise<{ closed: number; drawn: number }> {
  const [closed, drawn] = await Promise.all([
    db.selectFrom('verification_tasks').select(sql<number>`count(*)`.as('n')).where('list_id', '=', listId).where('status', 'in', CLOSED).where('region_id', 'in', subtreeRegionIds(db, path)).executeTakeFirst(),
    db.selectFrom('verification_spot_checks').select(sql<number>`count(*)`.as('n')).where('list_id', '=', listId).where('region_id', '=', townId).executeTakeFirst(),
  ]);
  return { closed: Number(closed?.n ?? 0), drawn: Number(drawn?.n ?? 0) };
}

/** `count` closed tasks of a list in a subtree never drawn before, at random. */
export function randomClosedTasks(db: Db, listId: string, path: string, count: number) {
  return db
    .selectFrom('verification_tasks as t')
    .select('t.id')
    .where('t.list_id', '=', listId)
    .where('t.status', 'in', CLOSED)
    .where('t.region_id', 'in', subtreeRegionIds(db, path))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('verification_spot_checks as s').select('s.id').where('s.task_id', '=', eb.ref('t.id')))))
    .orderBy(sql`random()`)
    .limit(count)
    .execute();
}

export const insertSpotChecks = (db: Db, rows: VerificationSpotChecksTable[]) => db.insertInto('verification_spot_checks').values(rows).execute();

const spotCheckRows = (db: Db) =>
  db
    .selectFrom('verification_spot_checks as s')
    .innerJoin('verification_tasks as t', 't.id', 's.task_id')
    .selectAll('s')
    .select(['t.number as task_number', 't.region_id as task_region_id', 't.name', 't.id_number_masked', 't.phone_masked', 't.address', 't.outcome', 't.status as task_status', 't.recorded_by']);
export type SpotCheckRow = NonNullable<Awaited<ReturnType<typeof findSpotCheck>>>;

export const findSpotCheck = (db: Db, id: string) => spotCheckRows(db).where('s.id', '=', id).executeTakeFirst();
export const spotChecksByIds = (db: Db, ids: readonly string[]) => (ids.length ? spotCheckRows(db).where('s.id', 'in', ids).orderBy('t.number').execute() : Promise.resolve([]));

/** A list's spot checks drawn by towns in a subtree (or by the subtree's own town), newest first. */
export function spotChecksOf(db: Db, listId: string, path: string, status: SpotCheckStatus | undefined, limit: number) {
  const rows = spotCheckRows(db)
    .where('s.list_id', '=', listId)
    .where('s.region_id', 'in', subtreeRegionIds(db, path));
  return (status === undefined ? rows : rows.where('s.status', '=', status))
    .orderBy('s.drawn_at', 'desc')
    .orderBy('t.number')
    .limit(limit)
    .execute();
}

export async function updateSpotCheck(db: Db, id: string, version: number, values: Partial<VerificationSpotChecksTable>): Promise<boolean> {
  const res = await db.updateTable('verification_spot_checks').set({ ...values, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// ---------------------------------------------------------------- escalation

const OPEN_STATUSES = ['open', 'sent_back'] as const;

/** Open tasks past their deadline, never escalated or escalated before `again`. */
export const overdueToEscalate = (db: Db, now: string, again: string) =>
  db
    .selectFrom('verification_tasks')
    .select(['id', 'escalation_level', 'region_id'])
    .where('status', 'in', OPEN_STATUSES)
    .where('due_at', '<', now)
    .where((eb) => eb.or([eb('escalation_level', '=', 0), eb('escalated_at', '<', again)]))
    .execute();

/** Compare-and-set on the level read, many tasks at once: a second run in the same hour changes nothing. Answers the ids changed. */
export async function escalateTasks(db: Db, ids: readonly string[], level: number, regionId: number, now: string): Promise<number> {
  let changed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const res = await db
      .updateTable('verification_tasks')
      .set({ escalation_level: level, escalated_to_region_id: regionId, escalated_at: now })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', 'in', OPEN_STATUSES)
      .where('escalation_level', '=', level - 1)
      .executeTakeFirst();
    changed += Number(res.numUpdatedRows);
  }
  return changed;
}

/** person_key → task id over a list and every earlier version it replaces (at most 100 back). */
export async function taskKeysOfVersions(db: Db, listId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let at: string | null = listId;
  for (let depth = 0; at && depth < 100; depth++) {
    for (const [key, id] of await taskKeysOf(db, at)) if (!out.has(key)) out.set(key, id);
    at = (await db.selectFrom('verification_lists').select('replaces_list_id').where('id', '=', at).executeTakeFirst())?.replaces_list_id ?? null;
  }
  return out;
}

// ---------------------------------------------------------------- enterprise codes

export const insertEnterpriseCode = (db: Db, row: EnterpriseCodesTable) => db.insertInto('enterprise_codes').values(row).execute();
export const findEnterpriseCode = (db: Db, id: string) => db.selectFrom('enterprise_codes').selectAll().where('id', '=', id).executeTakeFirst();
export const enterpriseCodeByHash = (db: Db, hash: string) => db.selectFrom('enterprise_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
export const revokeEnterpriseCode = (db: Db, id: string, by: string, at: string) => db.updateTable('enterprise_codes').set({ revoked_at: at, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();

/** The codes issued in a subtree, newest first, with how many lists and tasks came in through each. */
export const enterpriseCodesIn = (db: Db, path: string, limit: number) =>
  db
    .selectFrom('enterprise_codes as c')
    .selectAll('c')
    .select((eb) => [
      eb.selectFrom('verification_lists as l').select(sql<number>`count(*)`.as('n')).where('l.enterprise_code_id', '=', eb.ref('c.id')).as('lists'),
      eb.selectFrom('verification_lists as l').select(sql<number>`coalesce(sum(l.tasks), 0)`.as('n')).where('l.enterprise_code_id', '=', eb.ref('c.id')).as('workers'),
    ])
    .where('c.region_id', 'in', subtreeRegionIds(db, path))
    .orderBy('c.created_at', 'desc')
    .limit(limit)
    .execute();

/** The lists an enterprise sent through its code, newest first. */
export const listsOfCode = (db: Db, codeId: string) => db.selectFrom('verification_lists').selectAll().where('enterprise_code_id', '=', codeId).orderBy('created_at', 'desc').limit(100).execute();

/** The tasks of an enterprise's lists (its workers), by number. */
export const tasksOfCode = (db: Db, codeId: string, limit: number) =>
  db
    .selectFrom('verification_tasks as t')
    .innerJoin('verification_lists as l', 'l.id', 't.list_id')
    .select(['t.number', 't.name', 't.id_number_masked', 't.status', 't.outcome', 't.checked_at'])
    .where('l.enterprise_code_id', '=', codeId)
    .orderBy('t.number')
    .limit(limit)
    .execute();
