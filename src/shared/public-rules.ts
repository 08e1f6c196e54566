// The public side's codes and limits, with no zod (or any other) import: the public pages
// import them as they are, without 50 KB of schema library; the zod contracts in tips.ts,
// notices.ts and stats.ts are built on them.

/** Tip statuses along the province's loop (受理→分析→流转→处置→督办→反馈→评价). */
export const TIP_STATUSES = ['received', 'assessed', 'routed', 'handled', 'supervised', 'answered', 'evaluated'] as const;
export const TIP_CATEGORIES = ['gathering', 'no_mask', 'unregistered_arrival', 'quarantine_breach', 'banquet', 'other'] as const;
export const NOTICE_TOPICS = ['announcement', 'policy', 'prevention', 'health', 'story', 'other'] as const;

/** Limits the server enforces and the public form shows. */
export const MAX_TIP_PHOTOS = 3;
/** Per photo, as uploaded (the public page shrinks photos before sending them). */
export const MAX_PUBLIC_PHOTO_BYTES = 5 * 1_048_576;
export const MAX_TIP_DESCRIPTION = 2000;
export const MIN_TIP_DESCRIPTION = 5;
export const MAX_TIP_PLACE = 200;

/**
 * Tracking codes: 16 symbols of Crockford's base32 (80 random bits), shown in four groups.
 * Typed back, lower case, O for 0, I/L for 1 and missing dashes are accepted.
 */
export const TRACKING_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_RE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export function normaliseTrackingCode(raw: string): string | null {
  const compact = raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(compact)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}-${compact.slice(12)}`;
}
