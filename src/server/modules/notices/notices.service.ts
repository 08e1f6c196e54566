// Notices (宣传): staff write them for a region; they show on the public pages from their
// publish time until withdrawn. Every change is audited; publishing tells live views.
import type { Notice, NoticeCreate, NoticeImageUploaded, NoticePatch, NoticeStatus, NoticeSummary, NoticeTopic } from '../../../shared/notices.ts';
import { MAX_NOTICE_IMAGES, NOTICE_STATUSES, NOTICE_TOPICS } from '../../../shared/notices.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { sanitizePhoto } from '../../platform/photo-sanitize.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { storeUploadedPhoto as storePhoto } from '../../platform/photo-store.ts';
import { NOTICE_IMAGE_PATH, renderNotice, scriptsOf } from './notice-render.ts';
import * as q from './notices.queries.ts';
import type { NoticeWithRegion } from './notices.queries.ts';

export interface Deps {
  ctx: AuditContext;
  actor: Actor;
  events: EventBus;
}

export const publicImageUrl = (imageId: string) => `${NOTICE_IMAGE_PATH}${imageId}`;
export const staffImageUrl = (noticeId: string, imageId: string) => `/api/v1/notices/${noticeId}/images/${imageId}`;

/** Stored times are ISO instants in UTC: compared as text on SQLite, as timestamps on PostgreSQL. */
const instant = (iso: string) => new Date(iso).toISOString();

export function toNotice(row: NoticeWithRegion, images: { id: string }[], pendingViews = 0): Notice {
  return {
    id: row.id,
    regionId: row.region_id,
    regionName: row.region_name,
    title: row.title,
    source: row.source,
    topic: row.topic,
    body: row.body,
    status: row.status,
    publishAt: row.publish_at,
    views: Number(row.views) + pendingViews,
    images: images.map((i) => ({ id: i.id, url: publicImageUrl(i.id) })),
    scripts: scriptsOf(row),
    createdBy: row.created_by_name ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: Number(row.version),
  };
}

export async function noticeForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('notices as n')
    .innerJoin('regions as r', 'r.id', 'n.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('n.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

async function load(db: Db, id: string, opts: { html?: boolean; pendingViews?: number } = {}): Promise<Notice> {
  const row = await q.findNotice(db, id);
  if (!row) throw notFound('notice');
  const images = await q.imagesOf(db, [id]);
  const notice = toNotice(row, images, opts.pendingViews);
  if (opts.html) notice.html = renderNotice(row.body, { imageUrl: (imageId) => staffImageUrl(id, imageId) });
  return notice;
}

export const getNotice = (db: Db, id: string, pendingViews: number) => load(db, id, { html: true, pendingViews });

function tellPublished(deps: Deps, tx: Db, row: { id: string; region_path: string; topic: string; publish_at: string | null }) {
  afterCommit(tx, () => deps.events.publish({ type: 'notice.published', regionPath: row.region_path, data: { id: row.id, topic: row.topic, publishAt: row.publish_at } }));
}

/** The publish time a status asks for: now when publishing without one, kept or given otherwise. */
function publishTimeOf(status: NoticeStatus, given: string | null | undefined, previous: string | null, wasPublished: boolean): string | null {
  if (given) return instant(given);
  if (status === 'published') {
    if (given === null || !wasPublished || !previous) return nowIso();
    return previous;
  }
  return given === null ? null : previous;
}

export async function createNotice(tx: Db, deps: Deps, region: ScopedRegion, input: NoticeCreate): Promise<Notice> {
  const id = newId();
  const now = nowIso();
  const publishAt = publishTimeOf(input.status, input.publishAt, null, false);
  await tx
    .insertInto('notices')
    .values({
      id,
      region_id: region.id,
      title: input.title,
      source: input.source,
      topic: input.topic,
      body: input.body,
      status: input.status,
      publish_at: publishAt,
      views: 0,
      created_by: deps.actor.userId,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await audit(tx, deps.ctx, { action: 'create', entity: 'notice', entityId: id, regionId: region.id, details: { status: input.status, topic: input.topic, publishAt } });
  if (input.status === 'published') tellPublished(deps, tx, { id, region_path: region.path, topic: input.topic, publish_at: publishAt });
  return load(tx, id);
}

export async function patchNotice(tx: Db, deps: Deps, id: string, input: NoticePatch): Promise<Notice> {
  const row = await q.findNotice(tx, id);
  if (!row) throw notFound('notice');
  const stale = () => new AppError('CONFLICT', 'version: the notice was changed since you opened it; reload it', [{ path: 'version', message: `stale: the notice is at version ${Number(row.version)}` }]);
  if (input.version !== Number(row.version)) throw stale();
  const status = input.status ?? (row.status);
  const wasPublished = row.status === 'published';
  const publishAt = publishTimeOf(status, input.publishAt, row.publish_at, wasPublished);
  const changes = {
    ...(input.regionId !== undefined ? { region_id: input.regionId } : {}),
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.source !== undefined ? { source: input.source } : {}),
    ...(input.topic !== undefined ? { topic: input.topic } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
    status,
    publish_at: publishAt,
  };
  const now = nowIso();
  // Guarded on the version: of two editors saving at once, the second changes nothing.
  const updated = await tx
    .updateTable('notices')
    .set({ ...changes, updated_at: now, version: Number(row.version) + 1 })
    .where('id', '=', id)
    .where('version', '=', Number(row.version))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw stale();
  const fields = Object.keys(input).filter((k) => k !== 'version');
  const action = status !== row.status ? (status === 'published' ? 'publish' : status === 'withdrawn' ? 'withdraw' : 'unpublish') : 'update';
  await audit(tx, deps.ctx, { action, entity: 'notice', entityId: id, regionId: input.regionId ?? row.region_id, details: { fields, status, publishAt } });
  const after = await load(tx, id);
  if (status === 'published' && (!wasPublished || publishAt !== row.publish_at)) {
    const regionPath = input.regionId !== undefined ? ((await q.regionPath(tx, input.regionId)) ?? row.region_path) : row.region_path;
    tellPublished(deps, tx, { id, region_path: regionPath, topic: after.topic, publish_at: publishAt });
  }
  return after;
}

export async function listNotices(db: Db, scope: ScopedRegion, query: { status?: NoticeStatus; topic?: NoticeTopic; limit: number; cursor?: string }) {
  const before = decodeCursor(query.cursor);
  const rows = await q.listNotices(db, scope.path, { ...query, beforeId: before === undefined ? undefined : String(before) });
  const images = await q.imagesOf(db, rows.map((r) => r.id));
  return page(rows, query.limit, (r) => r.id, (r) => toNotice(r, images.filter((i) => i.notice_id === r.id)));
}

export async function addImages(tx: Db, deps: Deps, noticeId: string, files: Buffer[]): Promise<NoticeImageUploaded[]> {
  const row = await q.findNotice(tx, noticeId);
  if (!row) throw notFound('notice');
  if (files.length === 0) throw new AppError('VALIDATION_ERROR', 'photos: no image in the upload', [{ path: 'photos', message: 'required' }]);
  const have = (await q.imagesOf(tx, [noticeId])).length;
  if (have + files.length > MAX_NOTICE_IMAGES) {
    throw new AppError('UNPROCESSABLE', `photos: a notice may have at most ${MAX_NOTICE_IMAGES} images (it has ${have})`, [{ path: 'photos', message: `at most ${MAX_NOTICE_IMAGES} per notice` }]);
  }
  // Every file is judged before anything is stored: one bad file refuses the whole upload.
  const clean = [];
  for (const [i, file] of files.entries()) clean.push(await sanitizePhoto(file, `photos[${i}]`));
  const out: NoticeImageUploaded[] = [];
  for (const photo of clean) {
    const stored = await storePhoto(tx, deps.ctx, row.region_id, photo);
    const id = newId();
    await tx
      .insertInto('notice_images')
      .values({ id, notice_id: noticeId, sha256: stored.sha256, width: photo.width, height: photo.height, created_by: deps.actor.userId, created_at: nowIso() })
      .execute();
    const url = publicImageUrl(id);
    out.push({ id, url, markdown: `![](${url})` });
  }
  await audit(tx, deps.ctx, { action: 'add_images', entity: 'notice', entityId: noticeId, regionId: row.region_id, details: { images: out.map((o) => o.id) } });
  return out;
}

export async function staffImage(db: Db, noticeId: string, imageId: string) {
  if (!UUID_RE.test(imageId)) throw notFound('image');
  const photo = await q.imageBytes(db, imageId, { noticeId });
  if (!photo) throw notFound('image');
  return photo;
}

/** Per topic and status; views as stored (the last few seconds of reads come with the next flush). */
export async function noticeSummary(db: Db, scope: ScopedRegion): Promise<NoticeSummary> {
  const rows = await q.summary(db, scope.path);
  const byStatus = Object.fromEntries(NOTICE_STATUSES.map((s) => [s, 0])) as Record<NoticeStatus, number>;
  const topics = NOTICE_TOPICS.map((topic) => ({ topic, count: 0, published: 0, views: 0 }));
  for (const r of rows) {
    const n = Number(r.n);
    if (r.status in byStatus) byStatus[r.status] += n;
    const t = topics.find((x) => x.topic === r.topic);
    if (!t) continue;
    t.count += n;
    if (r.status === 'published') t.published += n;
    t.views += Number(r.views);
  }
  return { topics, byStatus };
}
