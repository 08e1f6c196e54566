// The buttons a tip offers follow the server's steps (tip-actions.service.ts) and the roles.
import { describe, expect, it } from 'vitest';
import { groupActions, loopActions, rewardActions } from './tipFlow.ts';

const secretary = { role: 'village_secretary', level: 'village' } as const;
const townOfficer = { role: 'town_officer', level: 'town' } as const;
const villageOfficer = { role: 'town_officer', level: 'village' } as const;
const worker = { role: 'grid_worker', level: 'grid' } as const;
const reward = (status: 'proposed' | 'approved' | 'rejected' | 'paid') => ({
  amount: 200, status, proposedAt: '', proposedBy: null, decidedAt: null, decidedBy: null, decisionNote: null, paidAt: null, paidBy: null, payReference: null,
});

describe('tip flow', () => {
  it('offers the loop step by step, the usual next step first', () => {
    expect(loopActions({ status: 'received', substantiated: null }, secretary)).toEqual(['assess', 'route', 'handle']);
    expect(loopActions({ status: 'assessed', substantiated: null }, secretary)).toEqual(['route', 'handle']);
    expect(loopActions({ status: 'routed', substantiated: null }, secretary)).toEqual(['assess', 'route', 'handle']);
    expect(loopActions({ status: 'handled', substantiated: true }, secretary)).toEqual(['answer']);
    expect(loopActions({ status: 'handled', substantiated: true }, townOfficer)).toEqual(['answer', 'supervise']);
    expect(loopActions({ status: 'supervised', substantiated: true }, townOfficer)).toEqual(['answer']);
    expect(loopActions({ status: 'answered', substantiated: true }, secretary)).toEqual(['evaluate']);
    expect(loopActions({ status: 'evaluated', substantiated: true }, townOfficer)).toEqual([]);
  });

  it('gives supervising only to a town or county account, and nothing to a grid worker', () => {
    expect(loopActions({ status: 'handled', substantiated: false }, villageOfficer)).toEqual(['answer']);
    expect(loopActions({ status: 'received', substantiated: null }, worker)).toEqual([]);
    expect(groupActions({ status: 'received', groupId: null }, worker)).toEqual([]);
  });

  it('proposes a reward only for a handled tip found true, then decides and pays it', () => {
    expect(rewardActions({ status: 'received', substantiated: null, reward: null }, secretary)).toEqual([]);
    expect(rewardActions({ status: 'handled', substantiated: false, reward: null }, secretary)).toEqual([]);
    expect(rewardActions({ status: 'handled', substantiated: true, reward: null }, secretary)).toEqual(['propose_reward']);
    expect(rewardActions({ status: 'answered', substantiated: true, reward: reward('rejected') }, secretary)).toEqual(['propose_reward']);
    expect(rewardActions({ status: 'answered', substantiated: true, reward: reward('proposed') }, secretary)).toEqual([]);
    expect(rewardActions({ status: 'answered', substantiated: true, reward: reward('proposed') }, townOfficer)).toEqual(['approve_reward', 'reject_reward']);
    expect(rewardActions({ status: 'answered', substantiated: true, reward: reward('approved') }, secretary)).toEqual(['pay_reward']);
    expect(rewardActions({ status: 'evaluated', substantiated: true, reward: reward('paid') }, townOfficer)).toEqual([]);
  });

  it('groups an open tip and ungroups a grouped one', () => {
    expect(groupActions({ status: 'received', groupId: null }, secretary)).toEqual(['group']);
    expect(groupActions({ status: 'evaluated', groupId: null }, secretary)).toEqual([]);
    expect(groupActions({ status: 'evaluated', groupId: 'x' }, secretary)).toEqual(['ungroup']);
  });
});
