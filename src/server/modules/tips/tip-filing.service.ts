// The public side of tips: filing (no account) and following a tip by its tracking code.
// Everything a filing checks is checked before its transaction; the transaction then holds the
// tip, its first step, its photos, its duplicate grouping, its counters and its audit entry.
import { z } from 'zod';
import type { PublicTipCreate, PublicTipStatus, RewardStatus, TipCategory, TipStatus } from '../../../shared/tips.ts';
import { TIP_ACCEPT_DAYS, TIP_HANDLE_DAYS, TIP_LEVELS, normaliseTrackingCode } from '../../../shared/tips.ts';
import { looksMasked } from '../../../shared/households.ts';
import { normaliseMobile } from '../../../shared/normalise.ts';
import type { Db } from '../../db/schema.ts';
import { fromBool, toBool } from '../../db/dialect.ts';
import { audit } from '../../platform/audit.ts';
import { type FieldCrypto, maskPhone } from '../../platform/crypto.ts';
import { AppError, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { takeNumber } from '../../platform/record-numbers.ts';
import type { CleanPhoto } from '../../platform/photo-sanitize.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { keepPhoto } from '../../platform/photo-store.ts';
import { DUPLICATE_WINDOW_HOURS, isDuplicate } from './duplicates.ts';
import { bumpTipStatus } from './tip-counters.ts';
import { newTrackingCode, trackingHash } from './tracking-code.ts';
import { regionFields } from '../regions/regions.queries.ts';

const DAY_MS = 86_400_000;

/** Zod's issues as the contract's 400, each naming its field. */
export function validationError(error: z.ZodError): AppError {
  const details = error.issues.flatMap((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ path: base ? `${base}.${k}` : k, message: 'unknown field' }));
    return [{ path: base || '(body)', message: issue.message }];
  });
  return new AppError('VALIDATION_ERROR', `Invalid body: ${[...new Set(details.map((d) => d.path))].join(', ')}`, details);
}

export interface CheckedFiling {
  input: PublicTipCreate;
  region: { id: number; path: string };
  anonymous: boolean;
  /** The normalised number, or null for an anonymous tip. */
  phone: string | null;
}

/** The business rules of a filing (422s), before anything is written. Never echoes the number. */
export async function checkFiling(db: Db, input: PublicTipCreate): Promise<CheckedFiling> {
  const region = await regionFields(db, input.regionId, ['id', 'path', 'level', 'active']);
  if (!region || !toBool(region.active) || !(TIP_LEVELS as readonly string[]).includes(region.level)) {
    throw unprocessable('regionId', 'pick a town, village or grid of the county');
  }
  const raw = input.phone?.trim() ? input.phone.trim() : null;
  const anonymous = input.anonymous ?? raw === null;
  if (anonymous && raw !== null) throw unprocessable('phone', 'leave the phone out of an anonymous tip');
  if (!anonymous && raw === null) throw unprocessable('phone', 'give a phone number, or file the tip anonymously');
  let phone: string | null = null;
  if (raw !== null) {
    if (looksMasked(raw)) throw unprocessable('phone', 'type the full number');
    const checked = normaliseMobile(raw);
    if (!checked.ok) throw unprocessable('phone', checked.reason);
    phone = checked.value;
  }
  return { input, region: { id: region.id, path: region.path }, anonymous, phone };
}

export interface FilingDeps {
  crypto: FieldCrypto;
  events: EventBus;
  /** Keyed hash of the sender's address (never the address itself). */
  sourceHash: string;
  /** The county's zone: the day in the tip's number. */
  timeZone: string;
}

export async function fileTip(tx: Db, deps: FilingDeps, filing: CheckedFiling, photos: CleanPhoto[]): Promise<{ trackingCode: string }> {
  const { input, region } = filing;
  const id = newId();
  const code = newTrackingCode();
  const filedAt = new Date();
  const now = filedAt.toISOString();
  const place = input.place?.trim() ? input.place.trim() : null;
  // Taken just before the insert: the day's number row stays locked until this commits.
  const number = await takeNumber(tx, 'tip', deps.timeZone, filedAt);
  const groupId = await duplicateGroup(tx, { regionId: region.id, category: input.category, place, description: input.description, filedAt });
  await tx
    .insertInto('tips')
    .values({
      id,
      number,
      tracking_hash: trackingHash(deps.crypto, code),
      category: input.category,
      region_id: region.id,
      filed_region_id: region.id,
      // Stored as written (hostile text included): whoever shows it escapes it.
      description: input.description,
      place,
      anonymous: fromBool(filing.anonymous),
      phone_enc: filing.phone ? deps.crypto.encrypt(filing.phone) : null,
      phone_hash: filing.phone ? deps.crypto.index(filing.phone) : null,
      phone_masked: filing.phone ? maskPhone(filing.phone) : null,
      source_hash: deps.sourceHash,
      status: 'received',
      substantiated: null,
      action_taken: null,
      reply: null,
      group_id: groupId,
      photo_count: photos.length,
      filed_at: now,
      accept_due_at: new Date(filedAt.getTime() + TIP_ACCEPT_DAYS * DAY_MS).toISOString(),
      handle_due_at: new Date(filedAt.getTime() + TIP_HANDLE_DAYS * DAY_MS).toISOString(),
      assessed_at: null,
      handled_at: null,
      answered_at: null,
      evaluated_at: null,
      updated_at: now,
      version: 1,
    })
    .execute();
  await tx.insertInto('tip_events').values({ id: newId(), tip_id: id, action: 'filed', status: 'received', note: groupId ? 'grouped with an earlier tip about the same thing' : null, user_id: null, at: now }).execute();
  for (const [position, photo] of photos.entries()) {
    const sha256 = await keepPhoto(tx, photo, now);
    await tx.insertInto('tip_photos').values({ tip_id: id, position, sha256 }).execute();
  }
  await bumpTipStatus(tx, [{ path: region.path, status: 'received', delta: 1 }]);
  // The public filer has no account; the address is not kept in the audit log either.
  await audit(tx, { userId: null, ip: null }, { action: 'create', entity: 'tip', entityId: id, regionId: region.id, details: { category: input.category, photos: photos.length, anonymous: filing.anonymous, grouped: groupId !== null } });
  afterCommit(tx, () => deps.events.publish({ type: 'tip.updated', regionPath: region.path, data: { id, number, status: 'received', action: 'filed' } }));
  return { trackingCode: code };
}

/** The group a new tip joins: an open tip of the last 48 h in the same region and category that reads the same. */
async function duplicateGroup(tx: Db, tip: { regionId: number; category: TipCategory; place: string | null; description: string; filedAt: Date }): Promise<string | null> {
  const since = new Date(tip.filedAt.getTime() - DUPLICATE_WINDOW_HOURS * 3_600_000).toISOString();
  const candidates = await tx
    .selectFrom('tips')
    .select(['id', 'group_id', 'place', 'description'])
    .where('filed_region_id', '=', tip.regionId)
    .where('category', '=', tip.category)
    .where('filed_at', '>=', since)
    .where('status', '<>', 'evaluated')
    .orderBy('filed_at')
    .orderBy('id')
    .limit(200)
    .execute();
  const match = candidates.find((c) => isDuplicate(tip, c));
  if (!match) return null;
  if (match.group_id) return match.group_id;
  // The earlier tip now leads a group: its own id marks it.
  await tx.updateTable('tips').set({ group_id: match.id }).where('id', '=', match.id).execute();
  return match.id;
}

const NOT_FOUND = () => new AppError('NOT_FOUND', 'No tip has this tracking code. Check the code and try again.');

/** What the reporter sees: steps and outcome, never a staff name, a note or anyone's data. */
export async function trackTip(db: Db, crypto: FieldCrypto, rawCode: string): Promise<PublicTipStatus> {
  const code = normaliseTrackingCode(rawCode);
  // Malformed and unknown codes answer alike: the answer tells nothing about which codes exist.
  if (!code) throw NOT_FOUND();
  const row = await db
    .selectFrom('tips as t')
    .innerJoin('regions as r', 'r.id', 't.filed_region_id')
    .leftJoin('tip_rewards as w', 'w.tip_id', 't.id')
    .select(['t.id', 't.number', 't.status', 't.category', 't.filed_at', 't.updated_at', 't.reply', 't.substantiated', 't.handled_at', 't.answered_at', 'r.name as region_name', 'w.status as reward_status', 'w.amount_cents'])
    .where('t.tracking_hash', '=', trackingHash(crypto, code))
    .executeTakeFirst();
  if (!row) throw NOT_FOUND();
  const events = await db.selectFrom('tip_events').select(['status', 'at']).where('tip_id', '=', row.id).orderBy('at').orderBy('id').execute();
  const steps: { status: TipStatus; at: string }[] = [];
  for (const e of events) {
    // Re-routings, rewards and groupings keep the status: one step per status reached.
    if (steps[steps.length - 1]?.status !== e.status) steps.push({ status: e.status, at: e.at });
  }
  const rewardStatus: RewardStatus | null = row.reward_status ?? null;
  return {
    number: row.number,
    status: row.status,
    category: row.category,
    regionName: row.region_name,
    filedAt: row.filed_at,
    updatedAt: row.updated_at,
    reply: row.answered_at ? row.reply : null,
    substantiated: row.handled_at && row.substantiated !== null ? toBool(row.substantiated) : null,
    reward: rewardStatus ? { status: rewardStatus, amount: rewardStatus === 'approved' || rewardStatus === 'paid' ? Number(row.amount_cents) / 100 : null } : null,
    steps,
  };
}
