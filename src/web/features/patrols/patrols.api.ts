// Patrol logs (巡查劝导日志): log, list, per-day totals, and photos uploaded before the log.
import { pageOf } from '../../../shared/paging.ts';
import { type PatrolLogInput, PatrolDaily, PatrolLog, PatrolPhotoUploaded } from '../../../shared/patrol-logs.ts';
import { PatrolTeam } from '../../../shared/checkpoints.ts';
import { API_BASE, request } from '../../lib/api.ts';

/** Live events after which the patrol pages read again. */
export const PATROL_EVENTS = ['patrol_log.changed', 'patrol_team.changed'] as const;

export interface PatrolFilters {
  regionId?: number;
  day?: string;
}

export const patrolKeys = {
  all: ['patrols'] as const,
  list: (f: PatrolFilters) => ['patrols', 'list', f.regionId ?? 0, f.day ?? ''] as const,
  daily: (regionId: number | undefined) => ['patrols', 'daily', regionId ?? 0] as const,
  teams: ['patrols', 'teams'] as const,
};

/** The list's query for the page's filters: the list and its export ask the same. */
export const patrolLogQuery = (f: PatrolFilters) => ({ regionId: f.regionId, from: f.day, to: f.day });
export const listPatrolLogs = (f: PatrolFilters, cursor?: string) =>
  request('/patrol-logs', pageOf(PatrolLog), { query: { ...patrolLogQuery(f), cursor, limit: 50 } });

export const getPatrolDaily = (regionId: number | undefined) => request('/patrol-logs/daily', PatrolDaily, { query: { regionId } });

export const listTeams = () => request('/patrol-teams', pageOf(PatrolTeam), { query: { active: 'true', limit: 500 } });

export const createPatrolLog = (input: PatrolLogInput, idempotencyKey: string) =>
  request('/patrol-logs', PatrolLog, { method: 'POST', body: input, idempotencyKey });

export function uploadPatrolPhoto(file: Blob) {
  const form = new FormData();
  form.append('file', file, 'photo');
  return request('/patrol-logs/photos', PatrolPhotoUploaded, { method: 'POST', form });
}

export const photoUrl = (sha256: string) => `${API_BASE}/patrol-logs/photos/${sha256}`;
