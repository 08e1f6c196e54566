// The public side of notices: no account, limited per address. Only published notices whose
// publish time has come; no staff names; the body rendered safely on the server.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RegionIdParam } from '../../../shared/ids.ts';
import { ErrorBody } from '../../../shared/errors.ts';
import { type NoticeTopic, PublicNotice, type PublicNoticeItem, PublicNoticeItem as PublicNoticeItemSchema, PublicNoticeQuery, PublicNoticeTopics, NOTICE_TOPICS } from '../../../shared/notices.ts';
import { pageOf } from '../../../shared/paging.ts';
import type { Db } from '../../db/schema.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, nowIso } from '../../platform/ids.ts';
import { decodeCursor, encodeCursor } from '../../platform/paging.ts';
import { perAddress } from '../../platform/public-guard.ts';
import { excerptOf, renderNotice } from './notice-render.ts';
import { noticeViewsOf } from './notice-views.ts';
import * as q from './notices.queries.ts';
import { regionFields } from '../regions/regions.queries.ts';

const tags = ['public'];
const errors = { 400: ErrorBody, 404: ErrorBody, 429: ErrorBody };
const IdParam = z.object({ id: z.string().max(64) });
const ImageParam = z.object({ imageId: z.string().max(64) });
const RegionQuery = z.object({ regionId: RegionIdParam.optional() });

/** The region and the regions above it, or null for the whole county; 404 for an unknown region. */
async function regionIdsFor(db: Db, regionId: number | undefined): Promise<number[] | null> {
  if (regionId === undefined) return null;
  const row = await regionFields(db, regionId, ['path', 'active']);
  if (!row || !row.active) throw new AppError('NOT_FOUND', 'regionId: no such region', [{ path: 'regionId', message: 'no such region' }]);
  return q.pathIds(row.path);
}

function decodePublicCursor(cursor: string | undefined): q.PublicCursor | undefined {
  const raw = decodeCursor(cursor);
  if (raw === undefined) return undefined;
  const [at, id] = String(raw).split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !UUID_RE.test(id)) {
    throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
  return { at, id };
}

/** Addressed by id and never changed: any cache may keep it. */
function sendPublicImage(reply: FastifyReply, photo: { contentType: string; data: Buffer }) {
  return reply.type(photo.contentType).header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(photo.data);
}

export async function publicNoticesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const views = noticeViewsOf(app);

  const toItem = (r: { id: string; title: string; source: string; topic: string; body: string; publish_at: string | null; views: number; region_name: string }): PublicNoticeItem => ({
    id: r.id,
    title: r.title,
    source: r.source,
    topic: r.topic as NoticeTopic,
    regionName: r.region_name,
    publishAt: r.publish_at ?? '',
    views: Number(r.views) + views.pendingOf(r.id),
    excerpt: excerptOf(r.body),
  });

  app.get('/api/v1/public/notices', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'read'),
    schema: {
      tags,
      summary: 'Published notices, newest first; with regionId those of the region and of the regions above it',
      querystring: PublicNoticeQuery,
      response: { 200: pageOf(PublicNoticeItemSchema), ...errors },
    },
    handler: async (request) => {
      const { regionId, topic, limit, cursor } = request.query;
      const regionIds = await regionIdsFor(app.db, regionId);
      const rows = await q.publicList(app.db, nowIso(), { regionIds, topic, after: decodePublicCursor(cursor), limit });
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      const last = shown[shown.length - 1];
      return { items: shown.map(toItem), nextCursor: more && last ? encodeCursor(`${last.publish_at}|${last.id}`) : null };
    },
  });

  app.get('/api/v1/public/notices/topics', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'read'),
    schema: { tags, summary: 'How many notices each topic has, as the public list would show them', querystring: RegionQuery, response: { 200: PublicNoticeTopics, ...errors } },
    handler: async (request) => {
      const regionIds = await regionIdsFor(app.db, request.query.regionId);
      const rows = await q.publicTopics(app.db, nowIso(), regionIds);
      const counts = new Map(rows.map((r) => [r.topic, Number(r.n)]));
      return { topics: NOTICE_TOPICS.map((topic) => ({ topic, count: counts.get(topic) ?? 0 })) };
    },
  });

  app.get('/api/v1/public/notices/:id', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'read'),
    schema: { tags, summary: 'A published notice with its body rendered; counts a view', params: IdParam, response: { 200: PublicNotice, ...errors } },
    handler: async (request) => {
      const { id } = request.params;
      const row = UUID_RE.test(id) ? await q.publicNotice(app.db, nowIso(), id) : undefined;
      if (!row) throw notFound('notice');
      views.add(row.id);
      return { ...toItem(row), html: renderNotice(row.body) };
    },
  });

  app.get('/api/v1/public/notice-images/:imageId', {
    config: { access: { public: true } },
    onRequest: perAddress(app, 'read'),
    schema: { tags, summary: 'An image of a published notice (JPEG; 404 otherwise)', params: ImageParam, response: errors },
    handler: async (request, reply) => {
      const { imageId } = request.params;
      const photo = UUID_RE.test(imageId) ? await q.imageBytes(app.db, imageId, { publicAt: nowIso() }) : null;
      if (!photo) throw notFound('image');
      return sendPublicImage(reply, photo);
    },
  });
}
