// The steps of a tip, as one table for both sides: the loop 受理→分析→流转→处置→督办→反馈→评价
// (assess, route, handle, supervise, answer, evaluate) and the reward's (propose, approve or
// reject, pay). The server enforces them (tip-actions.service.ts, with its reasons); the web
// offers only the buttons the server would accept (features/tips/tipFlow.ts).
import type { Role } from './accounts.ts';
import { type RewardStatus, TIP_HANDLERS, TIP_SUPERVISORS, type TipStatus } from './tips.ts';

export type TipStep = 'assess' | 'route' | 'handle' | 'supervise' | 'answer' | 'evaluate';

/** Status steps: which statuses each may start from, and where it leads. */
export const TIP_STEPS: Record<TipStep, { from: readonly TipStatus[]; to: TipStatus }> = {
  // A tip routed to another region is assessed again there.
  assess: { from: ['received', 'routed'], to: 'assessed' },
  // Re-routing is for tips not yet handled: once handled, the outcome belongs to that region.
  route: { from: ['received', 'assessed', 'routed'], to: 'routed' },
  handle: { from: ['received', 'assessed', 'routed'], to: 'handled' },
  // 督办: a town or the county presses a handled tip before the reporter is answered.
  supervise: { from: ['handled'], to: 'supervised' },
  answer: { from: ['handled', 'supervised'], to: 'answered' },
  evaluate: { from: ['answered'], to: 'evaluated' },
};

export const isTipStep = (action: string): action is TipStep => Object.hasOwn(TIP_STEPS, action);

/** Whether the step may start from this status. */
export const stepOpen = (step: TipStep, status: string): boolean => TIP_STEPS[step].from.some((s) => s === status);

/** The statuses from handling on: a reward is proposed only for a tip handled and found true. */
export const AFTER_HANDLING: readonly TipStatus[] = ['handled', 'supervised', 'answered', 'evaluated'];

export type RewardStep = 'propose_reward' | 'approve_reward' | 'reject_reward' | 'pay_reward';

/** The reward's status each reward step needs; null: none proposed yet. */
export const REWARD_STEPS: Record<RewardStep, readonly (RewardStatus | null)[]> = {
  // A rejected reward may be proposed again (another amount, a better reason).
  propose_reward: [null, 'rejected'],
  approve_reward: ['proposed'],
  reject_reward: ['proposed'],
  pay_reward: ['approved'],
};

/** Whether the reward step may be taken while the reward is in this status (null or undefined: none). */
export const rewardStepOpen = (step: RewardStep, rewardStatus: string | null | undefined): boolean =>
  REWARD_STEPS[step].some((s) => s === (rewardStatus ?? null));

/** Whether the tip has been handled (and maybe answered and evaluated since). */
export const handledYet = (status: string): boolean => AFTER_HANDLING.some((s) => s === status);
/** Whether a reward may be proposed for a tip in this status, found true or not. */
export const rewardable = (status: string, substantiated: boolean): boolean => substantiated && handledYet(status);

/** Supervising and deciding rewards need an account bound to a town or the county. */
export const TIP_SUPERVISOR_LEVELS: readonly string[] = ['town', 'county'];

export interface TipActor {
  role: Role;
  /** The level of the account's region. */
  level: string;
}

/** Assess, route, handle, answer, evaluate, propose and pay rewards, group duplicates. */
export const mayHandleTips = (actor: TipActor): boolean => TIP_HANDLERS.includes(actor.role);
/** Supervise a tip and approve or reject a reward: a supervisor role on a town or county account. */
export const maySuperviseTips = (actor: TipActor): boolean => TIP_SUPERVISORS.includes(actor.role) && TIP_SUPERVISOR_LEVELS.includes(actor.level);
