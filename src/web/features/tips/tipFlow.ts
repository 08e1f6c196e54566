// Which steps of the loop (受理→分析→流转→处置→督办→反馈→评价) and of the reward a user may take
// on a tip now: only these buttons are shown. The steps and who may take them are the server's
// own table (shared/tip-flow.ts); the server decides again (and says why not).
import { type TipActor, type TipStep, mayHandleTips, maySuperviseTips, rewardStepOpen, rewardable, stepOpen } from '../../../shared/tip-flow.ts';
import type { Tip, TipActionKind } from '../../../shared/tips.ts';

export type Actor = TipActor;

/** The handler's steps of the loop, the usual next one first. */
const HANDLER_STEPS: readonly TipStep[] = ['assess', 'route', 'handle', 'answer', 'evaluate'];

/** The loop's steps open to the actor on this tip, the usual next one first. */
export function loopActions(tip: Pick<Tip, 'status' | 'substantiated'>, a: Actor): TipActionKind[] {
  const out: TipActionKind[] = mayHandleTips(a) ? HANDLER_STEPS.filter((step) => stepOpen(step, tip.status)) : [];
  // Last: pressing is optional, answering the reporter is the step the tip waits for.
  if (maySuperviseTips(a) && stepOpen('supervise', tip.status)) out.push('supervise');
  return out;
}

/** The reward's next step open to the actor: propose once found true, decide (not one's own proposal: the server checks), pay. */
export function rewardActions(tip: Pick<Tip, 'status' | 'substantiated' | 'reward'>, a: Actor): TipActionKind[] {
  const reward = tip.reward?.status;
  if (rewardStepOpen('propose_reward', reward)) return rewardable(tip.status, tip.substantiated === true) && mayHandleTips(a) ? ['propose_reward'] : [];
  if (rewardStepOpen('approve_reward', reward)) return maySuperviseTips(a) ? ['approve_reward', 'reject_reward'] : [];
  if (rewardStepOpen('pay_reward', reward)) return mayHandleTips(a) ? ['pay_reward'] : [];
  return [];
}

/** Grouping duplicates: while the tip is open, by those who handle tips. */
export function groupActions(tip: Pick<Tip, 'status' | 'groupId'>, a: Actor): TipActionKind[] {
  if (!mayHandleTips(a)) return [];
  if (tip.groupId) return ['ungroup'];
  return tip.status === 'evaluated' ? [] : ['group'];
}
