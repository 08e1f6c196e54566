// The public API's answers as the pages read them. Type-only imports from the zod contracts (the
// schemas would add ~50 KB to every page); codes and limits come from src/shared/public-rules.ts,
// which imports nothing.
import type { PublicArrivalPlace } from '../shared/arrivals.ts';
import type { PublicNotice, PublicNoticeItem } from '../shared/notices.ts';
import type { PublicRegion } from '../shared/public.ts';
import { NOTICE_TOPICS, TIP_CATEGORIES, TIP_STATUSES } from '../shared/public-rules.ts';
import type { PublicTipStatus, REWARD_STATUSES } from '../shared/tips.ts';

export type { PublicArrivalPlace, PublicNotice, PublicNoticeItem, PublicRegion, PublicTipStatus };
export { MAX_TIP_DESCRIPTION, MAX_TIP_PHOTOS, MAX_TIP_PLACE, MIN_TIP_DESCRIPTION, normaliseTrackingCode } from '../shared/public-rules.ts';

export const CATEGORIES = TIP_CATEGORIES;
export type Category = (typeof CATEGORIES)[number];
export const STEPS = TIP_STATUSES;
export type Step = (typeof STEPS)[number];
export const TOPICS = NOTICE_TOPICS;
export type Topic = (typeof TOPICS)[number];
export type RewardStatus = (typeof REWARD_STATUSES)[number];

export interface NoticePage {
  items: PublicNoticeItem[];
  nextCursor: string | null;
}
