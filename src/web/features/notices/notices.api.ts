// Notices (宣传): the staff list, one notice, writing, changing and withdrawing, images, the
// editor's preview and the per-topic summary.
import {
  Notice,
  type NoticeCreate,
  NoticeImagesUploaded,
  type NoticePatch,
  NoticePreview,
  type NoticePreviewInput,
  type NoticeStatus,
  NoticeSummary,
  type NoticeTopic,
} from '../../../shared/notices.ts';
import { pageOf } from '../../../shared/paging.ts';
import { request } from '../../lib/api.ts';

/** Live events after which the notice pages read again. */
export const NOTICE_EVENTS = ['notice.published'] as const;

export interface NoticeFilter {
  status?: NoticeStatus;
  topic?: NoticeTopic;
}

export const noticeKeys = {
  all: ['notices'] as const,
  list: (filter: NoticeFilter) => ['notices', 'list', filter] as const,
  detail: (id: string) => ['notices', 'detail', id] as const,
  summary: ['notices', 'summary'] as const,
};

export const listNotices = (query: NoticeFilter & { cursor?: string; limit?: number }) => request('/notices', pageOf(Notice), { query: { ...query } });
export const getNotice = (id: string) => request(`/notices/${encodeURIComponent(id)}`, Notice);
export const getNoticeSummary = () => request('/notices/summary', NoticeSummary);
export const createNotice = (input: NoticeCreate, idempotencyKey: string) => request('/notices', Notice, { method: 'POST', body: input, idempotencyKey });
export const patchNotice = (id: string, input: NoticePatch, idempotencyKey: string) =>
  request(`/notices/${encodeURIComponent(id)}`, Notice, { method: 'PATCH', body: input, idempotencyKey });
export const previewNotice = (input: NoticePreviewInput, signal?: AbortSignal) => request('/notices/preview', NoticePreview, { method: 'POST', body: input, signal });

export function uploadNoticeImages(id: string, files: File[], idempotencyKey: string) {
  const form = new FormData();
  for (const f of files) form.append('photos', f, f.name);
  return request(`/notices/${encodeURIComponent(id)}/images`, NoticeImagesUploaded, { method: 'POST', form, idempotencyKey });
}
