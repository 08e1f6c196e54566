// Tips from the public (有奖举报): filed by anyone on the public pages, followed with a tracking
// code, handled by staff along the province's loop (受理→分析→流转→处置→督办→反馈→评价), with a
// reward proposed, approved by a town or the county, and paid on a ledger.
import { z } from 'zod';
import { RegionIdBody, RegionIdParam } from './ids.ts';
import type { Role } from './accounts.ts';
import { ROLES } from './accounts.ts';
import { NumberSearch, PageQuery } from './paging.ts';
import { MAX_PUBLIC_PHOTO_BYTES, MAX_TIP_DESCRIPTION, MAX_TIP_PHOTOS, MAX_TIP_PLACE, MIN_TIP_DESCRIPTION, normaliseTrackingCode, TIP_CATEGORIES, TIP_STATUSES, TRACKING_CODE_ALPHABET, TRACKING_CODE_RE } from './public-rules.ts';

export { TIP_STATUSES };
export const TipStatus = z.enum(TIP_STATUSES);
export type TipStatus = z.infer<typeof TipStatus>;

export { TIP_CATEGORIES };
export const TipCategory = z.enum(TIP_CATEGORIES);
export type TipCategory = z.infer<typeof TipCategory>;

/** Every staff account except the auditor reads its region's tips. */
export const TIP_READERS: readonly Role[] = ROLES.filter((r) => r !== 'volunteer' && r !== 'auditor' && r !== 'patrol_member');
/** Assess, route, handle, answer, propose a reward. */
export const TIP_HANDLERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary', 'grid_leader'];
/** Supervise and approve or reject rewards: these roles, and only on an account bound to a town or the county. */
export const TIP_SUPERVISORS: readonly Role[] = ['admin', 'commander', 'town_officer'];
/** The levels a tip can be filed for (the reporter picks at least a town). */
export const TIP_LEVELS = ['town', 'village', 'grid'] as const;

/** The largest reward one tip can carry, in yuan. */
export const MAX_TIP_REWARD_YUAN = 10_000;
/** Deadlines of the loop: two days to accept (assess), seven to finish (handle). */
export const TIP_ACCEPT_DAYS = 2;
export const TIP_HANDLE_DAYS = 7;

export { MAX_PUBLIC_PHOTO_BYTES, MAX_TIP_DESCRIPTION, MAX_TIP_PHOTOS, MAX_TIP_PLACE, MIN_TIP_DESCRIPTION, normaliseTrackingCode, TRACKING_CODE_ALPHABET, TRACKING_CODE_RE };

const Text = (max: number) => z.string().trim().min(1).max(max);

/** POST /public/tips: as JSON, or as multipart with this JSON in a `data` field and up to 3 `photos`. */
export const PublicTipCreate = z
  .strictObject({
    category: TipCategory,
    regionId: RegionIdBody,
    description: z.string().trim().min(MIN_TIP_DESCRIPTION, `at least ${MIN_TIP_DESCRIPTION} characters`).max(MAX_TIP_DESCRIPTION),
    place: z.string().trim().max(MAX_TIP_PLACE).optional(),
    /** Defaults to true when no phone is given. An anonymous tip carries no phone. */
    anonymous: z.boolean().optional(),
    phone: z.string().trim().max(30).optional(),
  })
  .meta({ id: 'PublicTipCreate' });
export type PublicTipCreate = z.infer<typeof PublicTipCreate>;

export const PublicTipCreated = z.object({ trackingCode: z.string() }).meta({ id: 'PublicTipCreated' });

export const REWARD_STATUSES = ['proposed', 'approved', 'rejected', 'paid'] as const;
export const RewardStatus = z.enum(REWARD_STATUSES);
export type RewardStatus = z.infer<typeof RewardStatus>;

/** What a reporter sees with the tracking code: never a staff name, a phone or anyone's data. */
export const PublicTipStatus = z
  .object({
    /** The tip's short number, to quote when calling the hotline (never the tracking code). */
    number: z.string().meta({ description: 'The tip’s short number, e.g. JB-20261206-0042', example: 'JB-20261206-0042' }),
    status: TipStatus,
    category: TipCategory,
    /** The region's name as the reporter picked it (public knowledge). */
    regionName: z.string(),
    filedAt: z.string(),
    updatedAt: z.string(),
    /** Staff's answer to the reporter, once answered. */
    reply: z.string().nullable(),
    /** Once handled: whether the tip was found true. */
    substantiated: z.boolean().nullable(),
    /** The reward's state; the amount once approved. */
    reward: z.object({ status: RewardStatus, amount: z.number().nullable() }).nullable(),
    /** When each step of the loop was reached. */
    steps: z.array(z.object({ status: TipStatus, at: z.string() })),
  })
  .meta({ id: 'PublicTipStatus' });
export type PublicTipStatus = z.infer<typeof PublicTipStatus>;

export const TipReward = z.object({
  amount: z.number(),
  status: RewardStatus,
  proposedAt: z.string(),
  proposedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  paidAt: z.string().nullable(),
  paidBy: z.string().nullable(),
  payReference: z.string().nullable(),
});
export type TipReward = z.infer<typeof TipReward>;

export const Tip = z
  .object({
    id: z.string(),
    /** Short number people read out on the phone (prefix, county day, sequence), unique in the county; `?q=` on the list finds it. */
    number: z.string().meta({ description: 'Short human number, unique in the county, e.g. JB-20261206-0042; the list’s ?q= finds it', example: 'JB-20261206-0042' }),
    category: TipCategory,
    description: z.string(),
    place: z.string().nullable(),
    regionId: z.number().int(),
    regionName: z.string(),
    status: TipStatus,
    anonymous: z.boolean(),
    /** Masked (138****1234); null for an anonymous tip. */
    phone: z.string().nullable(),
    photoCount: z.number().int(),
    /** The first tip of a group of duplicates (this tip's own id when it leads one); null when alone. */
    groupId: z.string().nullable(),
    groupSize: z.number().int(),
    substantiated: z.boolean().nullable(),
    actionTaken: z.string().nullable(),
    reply: z.string().nullable(),
    reward: TipReward.nullable(),
    filedAt: z.string(),
    updatedAt: z.string(),
    acceptDueAt: z.string(),
    handleDueAt: z.string(),
    /** Past its accept or handle deadline and not yet at that step. */
    overdue: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Tip' });
export type Tip = z.infer<typeof Tip>;

export const TIP_ACTIONS = [
  'assess',
  'route',
  'handle',
  'supervise',
  'answer',
  'evaluate',
  'propose_reward',
  'approve_reward',
  'reject_reward',
  'pay_reward',
  'group',
  'ungroup',
] as const;
export const TipActionKind = z.enum(TIP_ACTIONS);
export type TipActionKind = z.infer<typeof TipActionKind>;

export const TipHistoryItem = z.object({
  id: z.string(),
  action: z.enum(['filed', ...TIP_ACTIONS]),
  at: z.string(),
  /** Display name of the staff account (staff only; never shown to the reporter). */
  by: z.string().nullable(),
  note: z.string().nullable(),
  status: TipStatus,
});
export type TipHistoryItem = z.infer<typeof TipHistoryItem>;

export const TipDetail = Tip.extend({
  history: z.array(TipHistoryItem),
  photos: z.array(z.object({ position: z.number().int(), url: z.string() })),
  /** The other tips of its group of duplicates. */
  group: z.array(z.object({ id: z.string(), number: z.string(), status: TipStatus, filedAt: z.string(), description: z.string(), regionName: z.string() })),
}).meta({ id: 'TipDetail' });
export type TipDetail = z.infer<typeof TipDetail>;

const Version = z.number().int().positive();
const Note = Text(1000);
const Amount = z
  .number()
  .positive('must be more than 0')
  .max(MAX_TIP_REWARD_YUAN, `at most ${MAX_TIP_REWARD_YUAN} yuan`)
  .refine((n) => Math.round(n * 100) === n * 100 || Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'at most two decimals');

/** PATCH /tips/:id: one step of the loop at a time; `version` guards against two people acting at once. */
export const TipAction = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.literal('assess'), version: Version, note: Note }),
    z.strictObject({ action: z.literal('route'), version: Version, regionId: RegionIdBody, note: Note.optional() }),
    z.strictObject({ action: z.literal('handle'), version: Version, substantiated: z.boolean(), actionTaken: Text(2000) }),
    z.strictObject({ action: z.literal('supervise'), version: Version, note: Note }),
    /** The reply is what the reporter reads: no staff names, no personal data. */
    z.strictObject({ action: z.literal('answer'), version: Version, reply: Text(1000) }),
    z.strictObject({ action: z.literal('evaluate'), version: Version, note: Note.optional() }),
    z.strictObject({ action: z.literal('propose_reward'), version: Version, amount: Amount, note: Note.optional() }),
    z.strictObject({ action: z.literal('approve_reward'), version: Version, note: Note.optional() }),
    z.strictObject({ action: z.literal('reject_reward'), version: Version, note: Note }),
    /** Paid to whoever shows the tracking code (the reporter may be anonymous). */
    z.strictObject({ action: z.literal('pay_reward'), version: Version, trackingCode: z.string().trim().max(40), reference: Text(100) }),
    z.strictObject({ action: z.literal('group'), version: Version, groupWith: z.string().min(1).max(64) }),
    z.strictObject({ action: z.literal('ungroup'), version: Version }),
  ])
  .meta({ id: 'TipAction' });
export type TipAction = z.infer<typeof TipAction>;

export const TipListQuery = PageQuery.extend({
  q: NumberSearch,
  regionId: RegionIdParam.optional(),
  status: TipStatus.optional(),
  category: TipCategory.optional(),
  /** open = not yet evaluated. */
  open: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true']).optional(),
  reward: RewardStatus.optional(),
  /** Show only the first tip of each group of duplicates. */
  grouped: z.enum(['true']).optional(),
});

export const TipSummary = z
  .object({
    total: z.number().int(),
    open: z.number().int(),
    overdue: z.number().int(),
    byStatus: z.record(TipStatus, z.number().int()),
    byCategory: z.record(TipCategory, z.number().int()),
    rewards: z.record(RewardStatus, z.object({ count: z.number().int(), amount: z.number() })),
  })
  .meta({ id: 'TipSummary' });
export type TipSummary = z.infer<typeof TipSummary>;

/** GET /tips/ledger?regionId=&from=YYYY-MM&to=YYYY-MM: rewards summed by month and child region. */
export const TipLedgerQuery = z.object({
  regionId: RegionIdParam.optional(),
  from: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM').optional(),
  to: z.string().regex(/^\d{4}-\d{2}$/, 'YYYY-MM').optional(),
});
const Sum = z.object({ count: z.number().int(), amount: z.number() });
export const TipLedgerRow = z.object({
  month: z.string(),
  regionId: z.number().int(),
  regionName: z.string(),
  proposed: Sum,
  approved: Sum,
  paid: Sum,
  rejected: Sum,
});
export const TipLedger = z
  .object({
    regionId: z.number().int(),
    from: z.string(),
    to: z.string(),
    rows: z.array(TipLedgerRow),
    totals: z.object({ proposed: Sum, approved: Sum, paid: Sum, rejected: Sum }),
  })
  .meta({ id: 'TipLedger' });
export type TipLedger = z.infer<typeof TipLedger>;
