// The public API's answers as the pages read them. Type-only imports from src/shared: the zod
// schemas there would add ~50 KB to every page, so only their inferred types and constant
// tuples' types come across (erased at build time), and the few constants are repeated here,
// checked against the contract by the compiler.
import type { PublicArrivalPlace } from '../shared/arrivals.ts';
import type { NOTICE_TOPICS, PublicNotice, PublicNoticeItem } from '../shared/notices.ts';
import type { PublicRegion } from '../shared/public.ts';
import type * as tips from '../shared/tips.ts';
import type { PublicTipStatus, REWARD_STATUSES, TIP_CATEGORIES, TIP_STATUSES } from '../shared/tips.ts';

export type { PublicArrivalPlace, PublicNotice, PublicNoticeItem, PublicRegion, PublicTipStatus };

export const CATEGORIES: typeof TIP_CATEGORIES = ['gathering', 'no_mask', 'unregistered_arrival', 'quarantine_breach', 'banquet', 'other'];
export type Category = (typeof CATEGORIES)[number];
export const STEPS: typeof TIP_STATUSES = ['received', 'assessed', 'routed', 'handled', 'supervised', 'answered', 'evaluated'];
export type Step = (typeof STEPS)[number];
export const TOPICS: typeof NOTICE_TOPICS = ['announcement', 'policy', 'prevention', 'health', 'story', 'other'];
export type Topic = (typeof TOPICS)[number];
export type RewardStatus = (typeof REWARD_STATUSES)[number];

/** Repeated from src/shared/tips.ts (which imports zod); the types keep them equal. */
export const MAX_TIP_PHOTOS: typeof tips.MAX_TIP_PHOTOS = 3;
export const MIN_TIP_DESCRIPTION: typeof tips.MIN_TIP_DESCRIPTION = 5;
export const MAX_TIP_DESCRIPTION: typeof tips.MAX_TIP_DESCRIPTION = 2000;
export const MAX_TIP_PLACE: typeof tips.MAX_TIP_PLACE = 200;

/** Same rule as normaliseTrackingCode in src/shared/tips.ts: lower case, O→0, I/L→1, no dashes. */
export function normaliseTrackingCode(raw: string): string | null {
  const compact = raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(compact)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}-${compact.slice(12)}`;
}

export interface NoticePage {
  items: PublicNoticeItem[];
  nextCursor: string | null;
}
