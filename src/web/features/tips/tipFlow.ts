// Which steps of the loop (受理→分析→流转→处置→督办→反馈→考核) and of the reward a user may take
// on a tip now: only these buttons are shown. The server decides again (and says why not); this
// keeps the page from offering what it would refuse.
import type { Role } from '../../../shared/accounts.ts';
import type { Tip, TipActionKind, TipStatus } from '../../../shared/tips.ts';
import { can } from '../../app/access.ts';

/** Where each step may be taken from (the server's STEPS in tip-actions.service.ts). */
const FROM: Record<'assess' | 'route' | 'handle' | 'supervise' | 'answer' | 'evaluate', readonly TipStatus[]> = {
  // A tip routed to another region is assessed again there.
  assess: ['received', 'routed'],
  // Re-routing is for tips not yet handled: once handled, the outcome belongs to that region.
  route: ['received', 'assessed', 'routed'],
  handle: ['received', 'assessed', 'routed'],
  // 督办: a town or the county presses a handled tip before the reporter is answered.
  supervise: ['handled'],
  answer: ['handled', 'supervised'],
  evaluate: ['answered'],
};
const AFTER_HANDLING: readonly TipStatus[] = ['handled', 'supervised', 'answered', 'evaluated'];

export interface Actor {
  role: Role;
  /** The level of the account's region (supervising needs a town or the county). */
  level: string;
}

export const mayHandle = (a: Actor): boolean => can(a.role, 'tips.handle');
export const maySupervise = (a: Actor): boolean => can(a.role, 'tips.supervise') && (a.level === 'county' || a.level === 'town');

/** The loop's steps open to the actor on this tip, the usual next one first. */
export function loopActions(tip: Pick<Tip, 'status' | 'substantiated'>, a: Actor): TipActionKind[] {
  const out: TipActionKind[] = [];
  const from = (k: keyof typeof FROM) => FROM[k].includes(tip.status);
  if (mayHandle(a)) {
    if (from('assess')) out.push('assess');
    if (from('route')) out.push('route');
    if (from('handle')) out.push('handle');
  }
  if (mayHandle(a)) {
    if (from('answer')) out.push('answer');
    if (from('evaluate')) out.push('evaluate');
  }
  // Last: pressing is optional, answering the reporter is the step the tip waits for.
  if (maySupervise(a) && from('supervise')) out.push('supervise');
  return out;
}

/** The reward's next step open to the actor: propose once found true, decide (not one's own proposal: the server checks), pay. */
export function rewardActions(tip: Pick<Tip, 'status' | 'substantiated' | 'reward'>, a: Actor): TipActionKind[] {
  const r = tip.reward;
  if (!r || r.status === 'rejected') return tip.substantiated === true && AFTER_HANDLING.includes(tip.status) && mayHandle(a) ? ['propose_reward'] : [];
  if (r.status === 'proposed') return maySupervise(a) ? ['approve_reward', 'reject_reward'] : [];
  if (r.status === 'approved') return mayHandle(a) ? ['pay_reward'] : [];
  return [];
}

/** Grouping duplicates: while the tip is open, by those who handle tips. */
export function groupActions(tip: Pick<Tip, 'status' | 'groupId'>, a: Actor): TipActionKind[] {
  if (!mayHandle(a)) return [];
  if (tip.groupId) return ['ungroup'];
  return tip.status === 'evaluated' ? [] : ['group'];
}
