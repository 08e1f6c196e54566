// The staff's steps along the loop 受理→分析→流转→处置→督办→反馈→评价 (assess, route, handle,
// supervise, answer, evaluate), the reward's (propose, approve or reject, pay) and the grouping
// of duplicates. One PATCH, one step: each checks the version the caller saw, writes a step
// row, an audit entry, moves the counters and tells live views after commit.
import { TIP_STEPS, handledYet, isTipStep, maySuperviseTips, rewardStepOpen, rewardable, stepOpen } from '../../../shared/tip-flow.ts';
import type { Tip, TipAction, TipStatus } from '../../../shared/tips.ts';
import { TIP_LEVELS, normaliseTrackingCode } from '../../../shared/tips.ts';
import type { Db } from '../../db/schema.ts';
import { fromBool, toBool } from '../../db/dialect.ts';
import { type Actor, inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { accountsLinked } from '../accounts/accounts.queries.ts';
import { bumpTipStatus } from './tip-counters.ts';
import * as q from './tips.queries.ts';
import type { TipWithDetails } from './tips.queries.ts';
import { loadTip } from './tips.service.ts';
import { trackingHash } from './tracking-code.ts';
import { regionFields } from '../regions/regions.queries.ts';

export interface Deps {
  ctx: AuditContext;
  actor: Actor;
  events: EventBus;
  crypto: FieldCrypto;
}

const forbidden = (message: string) => new AppError('FORBIDDEN', message);
const wrongStep = (action: string, status: string, allowed: string) =>
  new AppError('CONFLICT', `This tip is ${status}: "${action}" is possible when it is ${allowed}`, [{ path: 'action', message: `not possible while ${status}` }]);

/** Supervising and deciding rewards: a supervisor role on an account of a town or the county. */
function requireSupervisor(actor: Actor, what: string) {
  if (!maySuperviseTips({ role: actor.role, level: actor.regionLevel })) throw forbidden(`Only a town or county officer may ${what}`);
}

interface Change {
  set: Record<string, unknown>;
  status: TipStatus;
  note: string | null;
  /** The region the tip is routed to, when it changes. */
  route?: { id: number; path: string };
  audit?: Record<string, unknown>;
}

export async function actOnTip(tx: Db, deps: Deps, id: string, input: TipAction): Promise<Tip> {
  const row = await q.findTip(tx, id);
  if (!row) throw notFound('tip');
  if (input.version !== Number(row.version)) {
    throw new AppError('CONFLICT', `This tip changed since you loaded it (now version ${row.version}): reload it and try again`, [{ path: 'version', message: 'stale' }]);
  }
  const now = nowIso();
  const current = row.status;
  if (isTipStep(input.action) && !stepOpen(input.action, current)) throw wrongStep(input.action, current, TIP_STEPS[input.action].from.join(' or '));
  const change = await changeFor(tx, deps, row, input, now);

  // Guarded on the version: of two actions racing, the second updates nothing and is refused.
  const updated = await tx
    .updateTable('tips')
    .set({ ...change.set, status: change.status, updated_at: now, version: Number(row.version) + 1 })
    .where('id', '=', id)
    .where('version', '=', Number(row.version))
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'This tip changed since you loaded it: reload it and try again', [{ path: 'version', message: 'stale' }]);

  const newPath = change.route?.path ?? row.region_path;
  if (change.status !== current || newPath !== row.region_path) {
    await bumpTipStatus(tx, [
      { path: row.region_path, status: current, delta: -1 },
      { path: newPath, status: change.status, delta: 1 },
    ]);
  }
  await tx.insertInto('tip_events').values({ id: newId(), tip_id: id, action: input.action, status: change.status, note: change.note, user_id: deps.actor.userId, at: now }).execute();
  await audit(tx, deps.ctx, { action: input.action, entity: 'tip', entityId: id, regionId: change.route?.id ?? row.region_id, details: { from: current, to: change.status, ...change.audit } });
  const paths = [...new Set([row.region_path, newPath])];
  afterCommit(tx, () => {
    for (const regionPath of paths) deps.events.publish({ type: 'tip.updated', regionPath, data: { id, number: row.number, status: change.status, action: input.action } });
  });
  return loadTip(tx, id);
}

async function changeFor(tx: Db, deps: Deps, row: TipWithDetails, input: TipAction, now: string): Promise<Change> {
  const status = row.status;
  switch (input.action) {
    case 'assess':
      return { set: { assessed_at: now }, status: TIP_STEPS.assess.to, note: input.note };
    case 'route': {
      const region = await regionFields(tx, input.regionId, ['id', 'path', 'level', 'active', 'name']);
      if (!region || !toBool(region.active) || !(TIP_LEVELS as readonly string[]).includes(region.level)) {
        throw unprocessable('regionId', 'route to a town, village or grid');
      }
      if (!inSubtree(deps.actor.regionPath, region.path)) {
        throw new AppError('OUT_OF_SCOPE', 'regionId: outside the region of your account', [{ path: 'regionId', message: 'outside your region' }]);
      }
      if (region.id === row.region_id) throw unprocessable('regionId', 'the tip is already with this region');
      return { set: { region_id: region.id }, status: TIP_STEPS.route.to, note: input.note ?? null, route: { id: region.id, path: region.path }, audit: { fromRegion: row.region_id, toRegion: region.id } };
    }
    case 'handle':
      return { set: { handled_at: now, substantiated: fromBool(input.substantiated), action_taken: input.actionTaken }, status: TIP_STEPS.handle.to, note: input.actionTaken, audit: { substantiated: input.substantiated } };
    case 'supervise':
      requireSupervisor(deps.actor, 'supervise a tip');
      return { set: {}, status: TIP_STEPS.supervise.to, note: input.note };
    case 'answer':
      return { set: { answered_at: now, reply: input.reply }, status: TIP_STEPS.answer.to, note: null };
    case 'evaluate':
      return { set: { evaluated_at: now }, status: TIP_STEPS.evaluate.to, note: input.note ?? null };
    case 'propose_reward': {
      if (!handledYet(status)) throw wrongStep(input.action, status, 'handled or later');
      if (!rewardable(status, toBool(row.substantiated))) throw unprocessable('action', 'a reward is only for a tip found true');
      if (!rewardStepOpen(input.action, row.reward_status)) {
        throw new AppError('CONFLICT', `A reward is already ${row.reward_status} for this tip`, [{ path: 'action', message: `reward ${row.reward_status}` }]);
      }
      const reward = { region_id: row.region_id, amount_cents: Math.round(input.amount * 100), status: 'proposed' as const, proposed_at: now, proposed_by: deps.actor.userId, decided_at: null, decided_by: null, decision_note: null, paid_at: null, paid_by: null, pay_reference: null };
      if (row.reward_status) await tx.updateTable('tip_rewards').set(reward).where('tip_id', '=', row.id).execute();
      else await tx.insertInto('tip_rewards').values({ tip_id: row.id, ...reward }).execute();
      return { set: {}, status, note: input.note ?? null, audit: { amount: input.amount } };
    }
    case 'approve_reward':
    case 'reject_reward': {
      requireSupervisor(deps.actor, 'decide a reward');
      if (!rewardStepOpen(input.action, row.reward_status)) throw noReward(input.action, row.reward_status);
      if (row.reward_proposed_by === deps.actor.userId) throw unprocessable('action', 'you proposed this reward: another officer must decide it');
      // Four eyes means two independent people: not an account the proposer made or last
      // granted (its password or powers came from the proposer), nor the reverse.
      if (row.reward_proposed_by && (await accountsLinked(tx, row.reward_proposed_by, deps.actor.userId))) {
        throw unprocessable('action', 'the proposer created or last changed your account, or you theirs: another officer must decide it');
      }
      const approved = input.action === 'approve_reward';
      await tx
        .updateTable('tip_rewards')
        .set({ status: approved ? 'approved' : 'rejected', decided_at: now, decided_by: deps.actor.userId, decision_note: input.note ?? null })
        .where('tip_id', '=', row.id)
        .where('status', '=', 'proposed')
        .execute();
      return { set: {}, status, note: input.note ?? null };
    }
    case 'pay_reward': {
      if (!rewardStepOpen(input.action, row.reward_status)) throw noReward(input.action, row.reward_status);
      const code = normaliseTrackingCode(input.trackingCode);
      if (!code || trackingHash(deps.crypto, code) !== row.tracking_hash) throw unprocessable('trackingCode', 'this is not the tracking code of this tip');
      await tx
        .updateTable('tip_rewards')
        .set({ status: 'paid', paid_at: now, paid_by: deps.actor.userId, pay_reference: input.reference })
        .where('tip_id', '=', row.id)
        .where('status', '=', 'approved')
        .execute();
      return { set: {}, status, note: `paid: ${input.reference}` };
    }
    case 'group':
      return { set: {}, status, note: null, audit: { groupWith: await group(tx, deps, row, input.groupWith) } };
    case 'ungroup':
      if (!row.group_id) throw new AppError('CONFLICT', 'This tip is not in a group', [{ path: 'action', message: 'not grouped' }]);
      await leaveGroup(tx, row.id, row.group_id);
      return { set: {}, status, note: null };
  }
}

function noReward(action: string, rewardStatus: string | null | undefined) {
  const state = rewardStatus ? `the reward is ${rewardStatus}` : 'no reward has been proposed';
  const need = action === 'pay_reward' ? 'approved' : 'proposed';
  return new AppError('CONFLICT', `${state}: "${action}" needs a reward that is ${need}`, [{ path: 'action', message: state }]);
}

/** Puts this tip (with its group, if it leads one) into the other's group; the earlier-led group absorbs the later. */
async function group(tx: Db, deps: Deps, row: TipWithDetails, otherId: string): Promise<string> {
  if (otherId === row.id) throw unprocessable('groupWith', 'a tip cannot be grouped with itself');
  const other = UUID_RE.test(otherId) ? await q.findTip(tx, otherId) : undefined;
  // Another region's tip does not exist for this caller.
  if (!other || !inSubtree(deps.actor.regionPath, other.region_path)) throw new AppError('NOT_FOUND', 'groupWith: tip not found', [{ path: 'groupWith', message: 'not found' }]);
  if (row.group_id && row.group_id === other.group_id) throw new AppError('CONFLICT', 'These tips are already in one group', [{ path: 'groupWith', message: 'already grouped' }]);
  const leaderOf = async (t: TipWithDetails) => (t.group_id ? ((await tx.selectFrom('tips').select(['id', 'filed_at']).where('id', '=', t.group_id).executeTakeFirst()) ?? t) : t);
  const a = await leaderOf(row);
  const b = await leaderOf(other);
  const first = a.filed_at < b.filed_at || (a.filed_at === b.filed_at && a.id < b.id) ? a : b;
  const second = first === a ? b : a;
  // Every member of the later group (or the lone tip) follows the earlier leader.
  await tx.updateTable('tips').set({ group_id: first.id }).where((eb) => eb.or([eb('group_id', '=', second.id), eb('id', '=', second.id), eb('id', '=', first.id)])).execute();
  return other.id;
}

/** Takes a tip out of its group: the next oldest leads if it led; a group of one dissolves. */
async function leaveGroup(tx: Db, id: string, groupId: string): Promise<void> {
  await tx.updateTable('tips').set({ group_id: null }).where('id', '=', id).execute();
  const rest = await tx.selectFrom('tips').select(['id']).where('group_id', '=', groupId).orderBy('filed_at').orderBy('id').execute();
  if (rest.length <= 1) {
    if (rest.length === 1) await tx.updateTable('tips').set({ group_id: null }).where('group_id', '=', groupId).execute();
    return;
  }
  const leader = rest[0]?.id as string;
  if (groupId === id) await tx.updateTable('tips').set({ group_id: leader }).where('group_id', '=', groupId).execute();
}
