import type { Db } from '../../db/schema.ts';
import type { FormsTable } from './forms.tables.ts';
import { inLevelledSubtree, regionFields } from '../regions/regions.queries.ts';

export const findForm = (db: Db, id: string) => db.selectFrom('forms').selectAll().where('id', '=', id).executeTakeFirst();

type FormFilters = { householdId?: string; kind?: FormsTable['kind']; status?: FormsTable['status'] };

/** The forms of a subtree matching a list's filters, before paging (the list and its total). */
export function formsFiltered(db: Db, path: string, opts: FormFilters) {
  let q = db
    .selectFrom('forms')
    .selectAll()
    .where(inLevelledSubtree(db, path, 'forms'));
  if (opts.householdId) q = q.where('household_id', '=', opts.householdId);
  if (opts.kind) q = q.where('kind', '=', opts.kind);
  if (opts.status) q = q.where('status', '=', opts.status);
  return q;
}

/** A page newest first (ids are UUIDv7, so their order is the order of creation): a walk of the level's (level id, id) index. */
export function pageOfForms(db: Db, path: string, opts: FormFilters & { afterId?: string; limit: number }) {
  let q = formsFiltered(db, path, opts);
  if (opts.afterId) q = q.where('id', '<', opts.afterId);
  return q.orderBy('id', 'desc').limit(opts.limit + 1);
}

export const listForms = (...args: Parameters<typeof pageOfForms>) => pageOfForms(...args).execute();

export const insertForm = (db: Db, row: FormsTable) => db.insertInto('forms').values(row).execute();

/** Stores a file once per content: a retried upload of the same bytes inserts nothing. */
export const storeFile = (db: Db, file: { sha256: string; contentType: string; data: Buffer; at: string }) =>
  db
    .insertInto('form_files')
    .values({ sha256: file.sha256, content_type: file.contentType, size: file.data.length, data: file.data, created_at: file.at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();

export const readFile = (db: Db, sha256: string) =>
  db.selectFrom('form_files').select(['content_type', 'data']).where('sha256', '=', sha256).executeTakeFirst();

export const regionNames = (db: Db, id: number) => regionFields(db, id, ['name']);
