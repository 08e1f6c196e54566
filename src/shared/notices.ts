// Publicity (宣传): notices and articles for the public pages, each with a loudspeaker script and
// a short text for the social-media channel.
import { z } from 'zod';
import { RecordId, RegionIdBody, RegionIdParam } from './ids.ts';
import type { Role } from './accounts.ts';
import { PageQuery } from './paging.ts';
import { NOTICE_TOPICS } from './public-rules.ts';

/** Write, publish and withdraw notices for their region. */
export const NOTICE_EDITORS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];

export { NOTICE_TOPICS };
export const NoticeTopic = z.enum(NOTICE_TOPICS);
export type NoticeTopic = z.infer<typeof NoticeTopic>;

export const NOTICE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export const NoticeStatus = z.enum(NOTICE_STATUSES);
export type NoticeStatus = z.infer<typeof NoticeStatus>;

export const MAX_NOTICE_BODY = 20_000;
export const MAX_NOTICE_IMAGES = 9;
/** The social-media text's length, in characters (a WeChat moments line, a Weibo post). */
export const SOCIAL_TEXT_MAX = 140;

const Text = (max: number) => z.string().trim().min(1).max(max);

export const NoticeScripts = z.object({
  /** Plain spoken text for the village loudspeaker: no links, no images, read twice. */
  loudspeaker: z.string(),
  /** At most SOCIAL_TEXT_MAX characters. */
  social: z.string(),
});
export type NoticeScripts = z.infer<typeof NoticeScripts>;

export const Notice = z
  .object({
    id: z.string(),
    /** Who it is for: this region's subtree. */
    regionId: z.number().int(),
    regionName: z.string(),
    title: z.string(),
    source: z.string(),
    topic: NoticeTopic,
    body: z.string(),
    status: NoticeStatus,
    /** When it shows on the public pages (it may be set ahead). */
    publishAt: z.string().nullable(),
    views: z.number().int(),
    images: z.array(z.object({ id: z.string(), url: z.string() })),
    scripts: NoticeScripts,
    /** The rendered body (staff detail only; drafts' images at their staff URL). */
    html: z.string().optional(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: 'Notice' });
export type Notice = z.infer<typeof Notice>;

export const NoticeCreate = z.strictObject({
  regionId: RegionIdBody,
  title: Text(100),
  source: Text(60),
  topic: NoticeTopic,
  /** Markdown; raw HTML in it is shown as text, never run. */
  body: Text(MAX_NOTICE_BODY),
  /** Publish now (no publishAt), at publishAt, or keep as a draft. */
  status: z.enum(['draft', 'published']).default('draft'),
  publishAt: z.iso.datetime({ offset: true }).optional(),
});
export type NoticeCreate = z.infer<typeof NoticeCreate>;

export const NoticePatch = z.strictObject({
  version: z.number().int().positive(),
  regionId: RegionIdBody.optional(),
  title: Text(100).optional(),
  source: Text(60).optional(),
  topic: NoticeTopic.optional(),
  body: Text(MAX_NOTICE_BODY).optional(),
  status: NoticeStatus.optional(),
  publishAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type NoticePatch = z.infer<typeof NoticePatch>;

export const NoticeListQuery = PageQuery.extend({
  regionId: RegionIdParam.optional(),
  status: NoticeStatus.optional(),
  topic: NoticeTopic.optional(),
});

/** Public list items: no staff names. */
export const PublicNoticeItem = z
  .object({
    id: z.string(),
    title: z.string(),
    source: z.string(),
    topic: NoticeTopic,
    regionName: z.string(),
    publishAt: z.string(),
    views: z.number().int(),
    /** The first ~80 characters of the body as plain text. */
    excerpt: z.string(),
  })
  .meta({ id: 'PublicNoticeItem' });
export type PublicNoticeItem = z.infer<typeof PublicNoticeItem>;

export const PublicNotice = PublicNoticeItem.extend({
  /** The body rendered from Markdown on the server: raw HTML escaped, only http(s) links and images. */
  html: z.string(),
}).meta({ id: 'PublicNotice' });
export type PublicNotice = z.infer<typeof PublicNotice>;

export const PublicNoticeQuery = PageQuery.extend({
  /** Notices for this region: its own and those of the regions above it. */
  regionId: RegionIdParam.optional(),
  topic: NoticeTopic.optional(),
});

export const PublicNoticeTopics = z.object({ topics: z.array(z.object({ topic: NoticeTopic, count: z.number().int() })) });

/** Staff: render a body being written (the editor's live preview). */
export const NoticePreviewInput = z.strictObject({
  title: z.string().max(100).optional(),
  source: z.string().max(60).optional(),
  body: z.string().max(MAX_NOTICE_BODY),
  /** The notice being edited: its images are shown at their staff URL. */
  noticeId: RecordId.optional(),
});
export type NoticePreviewInput = z.infer<typeof NoticePreviewInput>;

export const NoticePreview = z.object({ html: z.string(), scripts: NoticeScripts }).meta({ id: 'NoticePreview' });
export type NoticePreview = z.infer<typeof NoticePreview>;

/** One uploaded image: its public URL (served once the notice is published) and the Markdown to insert. */
export const NoticeImageUploaded = z.object({ id: z.string(), url: z.string(), markdown: z.string() });
export type NoticeImageUploaded = z.infer<typeof NoticeImageUploaded>;
export const NoticeImagesUploaded = z.array(NoticeImageUploaded);
/** One uploaded image, before it is re-encoded (≤ 2048 px JPEG). */
export const MAX_NOTICE_IMAGE_BYTES = 8 * 1_048_576;

/** Staff: notices and their views per topic and status in a region's subtree (the list page's chart). */
export const NoticeSummary = z
  .object({
    topics: z.array(z.object({ topic: NoticeTopic, count: z.number().int(), published: z.number().int(), views: z.number().int() })),
    byStatus: z.record(NoticeStatus, z.number().int()),
  })
  .meta({ id: 'NoticeSummary' });
export type NoticeSummary = z.infer<typeof NoticeSummary>;
