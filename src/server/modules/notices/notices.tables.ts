import type { Selectable } from 'kysely';
import type { NoticeStatus, NoticeTopic } from '../../../shared/notices.ts';

// Notices and their images (migration 0016).
export interface NoticesTable {
  id: string;
  region_id: number;
  title: string;
  source: string;
  topic: NoticeTopic;
  /** Markdown as written. */
  body: string;
  /** draft | published | withdrawn */
  status: NoticeStatus;
  publish_at: string | null;
  views: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}
export type NoticeRow = Selectable<NoticesTable>;

export interface NoticeImagesTable {
  id: string;
  notice_id: string | null;
  sha256: string;
  width: number;
  height: number;
  created_by: string | null;
  created_at: string;
}
