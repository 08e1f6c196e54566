// Reads of notices: staff lists over a region subtree; public lists over a region and the
// regions above it, only what is published and due.
import { sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import { regionFields, subtreeRegionIds as subtreeIds } from '../regions/regions.queries.ts';
import type { NoticesTable } from './notices.tables.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';
import { photoBytes } from '../../platform/photo-store.ts';

/** A region and its ancestors: the ids in its path ('/1/7/12/'). */
export { pathIds } from '../../../shared/region-path.ts';

const withNames = (db: Db) =>
  db
    .selectFrom('notices as n')
    .innerJoin('regions as r', 'r.id', 'n.region_id')
    .selectAll('n')
    .select(['r.name as region_name', 'r.path as region_path', displayNameOf('n.created_by').as('created_by_name')]);

export const findNotice = (db: Db, id: string) => withNames(db).where('n.id', '=', id).executeTakeFirst();
export type NoticeWithRegion = NonNullable<Awaited<ReturnType<typeof findNotice>>>;

export async function regionPath(db: Db, regionId: number): Promise<string | null> {
  const row = await regionFields(db, regionId, ['path']);
  return row?.path ?? null;
}

export function listNotices(db: Db, path: string, opts: { status?: NoticesTable['status']; topic?: NoticesTable['topic']; beforeId?: string; limit: number }) {
  let q = withNames(db).where('n.region_id', 'in', subtreeIds(db, path));
  if (opts.status) q = q.where('n.status', '=', opts.status);
  if (opts.topic) q = q.where('n.topic', '=', opts.topic);
  // Newest written first: ids are time-ordered (UUIDv7).
  if (opts.beforeId) q = q.where('n.id', '<', opts.beforeId);
  return q.orderBy('n.id', 'desc').limit(opts.limit + 1).execute();
}

export function imagesOf(db: Db, noticeIds: string[]) {
  if (noticeIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('notice_images').select(['id', 'notice_id']).where('notice_id', 'in', noticeIds).orderBy('id').execute();
}

/** An image's bytes: of the given notice (staff), or only while its notice is public. */
export async function imageBytes(db: Db, imageId: string, opts: { noticeId: string } | { publicAt: string }) {
  let q = db.selectFrom('notice_images as i').innerJoin('notices as n', 'n.id', 'i.notice_id').select('i.sha256').where('i.id', '=', imageId);
  if ('noticeId' in opts) q = q.where('n.id', '=', opts.noticeId);
  else q = q.where('n.status', '=', 'published').where('n.publish_at', '<=', opts.publicAt);
  const link = await q.executeTakeFirst();
  return link ? photoBytes(db, link.sha256) : null;
}

// ---- public ----

const visible = (db: Db, now: string, regionIds: number[] | null) => {
  let q = db
    .selectFrom('notices as n')
    .innerJoin('regions as r', 'r.id', 'n.region_id')
    .where('n.status', '=', 'published')
    .where('n.publish_at', '<=', now);
  if (regionIds) q = q.where('n.region_id', 'in', regionIds);
  return q;
};

export interface PublicCursor {
  at: string;
  id: string;
}

export function publicList(db: Db, now: string, opts: { regionIds: number[] | null; topic?: NoticesTable['topic']; after?: PublicCursor; limit: number }) {
  let q = visible(db, now, opts.regionIds).select(['n.id', 'n.title', 'n.source', 'n.topic', 'n.body', 'n.publish_at', 'n.views', 'r.name as region_name']);
  if (opts.topic) q = q.where('n.topic', '=', opts.topic);
  const after = opts.after;
  if (after) q = q.where((eb) => eb.or([eb('n.publish_at', '<', after.at), eb.and([eb('n.publish_at', '=', after.at), eb('n.id', '<', after.id)])]));
  // Newest published first.
  return q.orderBy('n.publish_at', 'desc').orderBy('n.id', 'desc').limit(opts.limit + 1).execute();
}

export function publicTopics(db: Db, now: string, regionIds: number[] | null) {
  return visible(db, now, regionIds).select(['n.topic']).select(sql<number>`count(*)`.as('n')).groupBy('n.topic').execute();
}

export function publicNotice(db: Db, now: string, id: string) {
  return visible(db, now, null)
    .select(['n.id', 'n.title', 'n.source', 'n.topic', 'n.body', 'n.publish_at', 'n.views', 'r.name as region_name'])
    .where('n.id', '=', id)
    .executeTakeFirst();
}
export type PublicNoticeRow = NonNullable<Awaited<ReturnType<typeof publicNotice>>>;

export function summary(db: Db, path: string) {
  return db
    .selectFrom('notices as n')
    .where('n.region_id', 'in', subtreeIds(db, path))
    .select(['n.topic', 'n.status'])
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(n.views), 0)`.as('views')])
    .groupBy(['n.topic', 'n.status'])
    .execute();
}

/** Which of these photo digests a notice image still uses (the retention purge keeps those photos). */
export const noticePhotoLinks = async (db: Db, digests: readonly string[]): Promise<string[]> =>
  (await db.selectFrom('notice_images').select('sha256').distinct().where('sha256', 'in', [...digests]).execute()).map((r) => r.sha256);
