// Checkpoints (卡口) and patrol teams: the registry, its coverage check and removal, the summary
// and the county's history of openings and removals.
import {
  Checkpoint,
  type CheckpointCreate,
  CheckpointDetail,
  CheckpointHistoryItem,
  type CheckpointPatch,
  type CheckpointRemoval,
  CheckpointRemoved,
  CheckpointSummary,
  type CheckpointStatus,
  Coverage,
  PatrolTeam,
  type PatrolTeamCreate,
  type PatrolTeamPatch,
} from '../../../shared/checkpoints.ts';
import { pageOf } from '../../../shared/paging.ts';
import { request } from '../../lib/api.ts';

/** Live events after which the checkpoint pages read again. */
export const CHECKPOINT_EVENTS = ['checkpoint.changed', 'patrol_team.changed'] as const;

export const checkpointKeys = {
  all: ['checkpoints'] as const,
  list: (status: CheckpointStatus | undefined, q: string) => ['checkpoints', 'list', status ?? 'all', q] as const,
  detail: (id: string) => ['checkpoints', 'detail', id] as const,
  coverage: (id: string) => ['checkpoints', 'coverage', id] as const,
  summary: ['checkpoints', 'summary'] as const,
  history: ['checkpoints', 'history'] as const,
  teams: ['checkpoints', 'teams'] as const,
};

export const listCheckpoints = (query: { status?: CheckpointStatus; q?: string; cursor?: string; limit?: number }) =>
  request('/checkpoints', pageOf(Checkpoint), { query });

export const getCheckpoint = (id: string) => request(`/checkpoints/${encodeURIComponent(id)}`, CheckpointDetail);

export const createCheckpoint = (input: CheckpointCreate, idempotencyKey: string) =>
  request('/checkpoints', Checkpoint, { method: 'POST', body: input, idempotencyKey });

export const patchCheckpoint = (id: string, patch: CheckpointPatch, idempotencyKey: string) =>
  request(`/checkpoints/${encodeURIComponent(id)}`, Checkpoint, { method: 'PATCH', body: patch, idempotencyKey });

export const getCoverage = (id: string) => request(`/checkpoints/${encodeURIComponent(id)}/coverage`, Coverage);

export const removeCheckpoint = (id: string, input: CheckpointRemoval, idempotencyKey: string) =>
  request(`/checkpoints/${encodeURIComponent(id)}/removal`, CheckpointRemoved, { method: 'POST', body: input, idempotencyKey });

export const getSummary = () => request('/checkpoints/summary', CheckpointSummary);

export const listHistory = (query: { cursor?: string; limit?: number }) => request('/checkpoints/history', pageOf(CheckpointHistoryItem), { query });

export const listPatrolTeams = (query: { cursor?: string; limit?: number }) => request('/patrol-teams', pageOf(PatrolTeam), { query });

export const createPatrolTeam = (input: PatrolTeamCreate, idempotencyKey: string) =>
  request('/patrol-teams', PatrolTeam, { method: 'POST', body: input, idempotencyKey });

export const patchPatrolTeam = (id: string, patch: PatrolTeamPatch, idempotencyKey: string) =>
  request(`/patrol-teams/${encodeURIComponent(id)}`, PatrolTeam, { method: 'PATCH', body: patch, idempotencyKey });
