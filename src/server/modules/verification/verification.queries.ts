// SQL of verification lists and tasks. Regions are read through the regions module's queries
// (subtreeRegionIds), people through the households module's.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { nowIso } from '../../platform/ids.ts';
import { inLevelledSubtree, subtreeRegionIds } from '../regions/regions.queries.ts';
import type { VerificationListsTable, VerificationTasksTable } from './verification.tables.ts';

export const findList = (db: Db, id: string) => db.selectFrom('verification_lists').selectAll().where('id', '=', id).executeTakeFirst();

export const insertList = (db: Db, row: VerificationListsTable) => db.insertInto('verification_lists').values(row).execute();

/** The lists whose region lies in the subtree, newest first. */
export const listsInSubtree = (db: Db, path: string, limit: number) =>
  db.selectFrom('verification_lists').selectAll().where('region_id', 'in', subtreeRegionIds(db, path)).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();

export async function updateList(db: Db, id: string, values: Partial<VerificationListsTable>, fromStatus?: string): Promise<boolean> {
  const res = await db
    .updateTable('verification_lists')
    .set({ ...values, updated_at: nowIso() })
    .where('id', '=', id)
    .$if(fromStatus !== undefined, (q) => q.where('status', '=', fromStatus as string))
    .executeTakeFirst();
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

export interface TaskFilters {
  listId?: string;
  status?: string;
  /** Only the tasks still in a pool (routed by nobody). */
  unrouted?: boolean;
}

/** A page of a subtree's tasks, soonest due first, after the (due_at, id) key of the last page. */
export function pageOfTasks(db: Db, path: string, filters: TaskFilters, after: { dueAt: string; id: string } | undefined, limit: number) {
  return db
    .selectFrom('verification_tasks')
    .selectAll()
    .where(inLevelledSubtree(db, path, 'verification_tasks'))
    .$if(filters.listId !== undefined, (q) => q.where('list_id', '=', filters.listId as string))
    .$if(filters.status !== undefined, (q) => q.where('status', '=', filters.status as string))
    .$if(filters.unrouted === true, (q) => q.where('routed_by', 'is', null))
    .$if(filters.unrouted === false, (q) => q.where('routed_by', 'is not', null))
    .$if(after !== undefined, (q) =>
      // A row value: both databases start the level's (level id, due_at, id) index range there.
      q.where((eb) => eb(eb.refTuple('due_at', 'id'), '>', eb.tuple((after as { dueAt: string }).dueAt, (after as { id: string }).id))),
    )
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit + 1);
}

export const listTasks = (...args: Parameters<typeof pageOfTasks>) => pageOfTasks(...args).execute();

/** A list's tasks in a subtree counted by region, status, outcome and lateness. */
export function taskCounts(db: Db, listId: string, path: string, now: string) {
  return db
    .selectFrom('verification_tasks')
    .select(['region_id', 'status', 'outcome'])
    .select(sql<number>`count(*)`.as('n'))
    .select(sql<number>`sum(case when status in ('open', 'sent_back') and due_at < ${now} then 1 else 0 end)`.as('late'))
    .where('list_id', '=', listId)
    .where('region_id', 'in', subtreeRegionIds(db, path))
    .groupBy(['region_id', 'status', 'outcome'])
    .execute();
}

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
