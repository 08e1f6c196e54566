// Patrol team members, inspection schedules, inspections and rectification tasks: the requests
// and query keys of the three pages (teams, inspections, rectifications).
import { z } from 'zod';
import { PatrolTeam, type PatrolKind, type PatrolTeamPatch } from '../../../shared/checkpoints.ts';
import {
  type InspectionListQuery,
  type InspectionRecordInput,
  type PatrolTeamMemberCreate,
  type PatrolTeamMemberPatch,
  type RectificationClose,
  type RectificationStatus,
  type ScheduleInput,
  Inspection,
  InspectionDetail,
  InspectionSummary,
  PatrolTeamMember,
  PatrolTeamMembers,
  Rectification,
  Schedule,
} from '../../../shared/inspections.ts';
import { pageOf } from '../../../shared/paging.ts';
import { API_BASE, request } from '../../lib/api.ts';

/** Live events (by type prefix) after which these pages read again: the server names them per entity. */
export const INSPECTION_EVENT_PREFIXES = ['inspection', 'rectification', 'patrol_team'] as const;

export const inspectionKeys = {
  all: ['inspections'] as const,
  teams: (f: TeamFilter) => ['inspections', 'teams', f.kind ?? '', f.inactive ? 1 : 0] as const,
  allTeams: ['inspections', 'teams'] as const,
  members: (teamId: string) => ['inspections', 'members', teamId] as const,
  schedules: ['inspections', 'schedules'] as const,
  list: (f: InspectionFilter) => ['inspections', 'list', f] as const,
  detail: (id: string) => ['inspections', 'detail', id] as const,
  summary: ['inspections', 'summary'] as const,
  rectifications: (f: RectificationFilter) => ['inspections', 'rectifications', f] as const,
  rectification: (id: string) => ['inspections', 'rectification', id] as const,
};

// ---------------------------------------------------------------- teams and members

export interface TeamFilter {
  kind?: PatrolKind;
  inactive?: boolean;
}

export const listTeams = (f: TeamFilter = {}) =>
  request('/patrol-teams', pageOf(PatrolTeam), { query: { kind: f.kind, active: f.inactive ? undefined : 'true', limit: 500 } });

export const patchTeam = (id: string, patch: PatrolTeamPatch, idempotencyKey: string) =>
  request(`/patrol-teams/${encodeURIComponent(id)}`, PatrolTeam, { method: 'PATCH', body: patch, idempotencyKey });

export const listMembers = (teamId: string) => request(`/patrol-teams/${encodeURIComponent(teamId)}/members`, PatrolTeamMembers);

export const addMember = (teamId: string, input: PatrolTeamMemberCreate, idempotencyKey: string) =>
  request(`/patrol-teams/${encodeURIComponent(teamId)}/members`, PatrolTeamMember, { method: 'POST', body: input, idempotencyKey });

export const patchMember = (teamId: string, memberId: string, patch: PatrolTeamMemberPatch, idempotencyKey: string) =>
  request(`/patrol-teams/${encodeURIComponent(teamId)}/members/${encodeURIComponent(memberId)}`, PatrolTeamMember, { method: 'PATCH', body: patch, idempotencyKey });

// ---------------------------------------------------------------- schedules and inspections

export const createSchedule = (input: ScheduleInput, idempotencyKey: string) =>
  request('/inspections/schedules', Schedule, { method: 'POST', body: input, idempotencyKey });

export const listSchedules = () => request('/inspections/schedules', pageOf(Schedule), { query: { limit: 100 } });

export const cancelSchedule = (id: string, idempotencyKey: string) =>
  request(`/inspections/schedules/${encodeURIComponent(id)}/cancel`, Schedule, { method: 'POST', body: {}, idempotencyKey });

export type InspectionFilter = Partial<Omit<InspectionListQuery, 'limit' | 'cursor'>>;

export const listInspections = (f: InspectionFilter, cursor?: string, limit = 50) =>
  request('/inspections', pageOf(Inspection), { query: { ...f, cursor, limit } });

/** Every visit of a schedule (at most 31 days × 10 visits per village: a few pages at most). */
export async function allInspectionsOf(scheduleId: string): Promise<Inspection[]> {
  const out: Inspection[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 40; page++) {
    const answer = await listInspections({ scheduleId }, cursor, 500);
    out.push(...answer.items);
    if (!answer.nextCursor) break;
    cursor = answer.nextCursor;
  }
  return out;
}

export const getInspection = (id: string) => request(`/inspections/${encodeURIComponent(id)}`, InspectionDetail);

export const recordInspection = (input: InspectionRecordInput, idempotencyKey: string) =>
  request('/inspections', InspectionDetail, { method: 'POST', body: input, idempotencyKey });

export const getInspectionSummary = () => request('/inspections/summary', InspectionSummary);

// ---------------------------------------------------------------- rectification tasks

export interface RectificationFilter {
  /** All or part of a task's number. */
  q?: string;
  /** A region of the caller's subtree; without it the caller's own tasks outside it show too. */
  regionId?: number;
  status?: RectificationStatus;
  overdue?: boolean;
  ownerUserId?: string;
}

/** The list's query for the page's filters: the list and its export ask the same. */
export const rectificationQuery = (f: RectificationFilter) => ({ q: f.q, regionId: f.regionId, status: f.status, overdue: f.overdue === undefined ? undefined : String(f.overdue), ownerUserId: f.ownerUserId });
export const listRectifications = (f: RectificationFilter, cursor?: string) =>
  request('/rectifications', pageOf(Rectification), { query: { ...rectificationQuery(f), cursor, limit: 50 } });

export const getRectification = (id: string) => request(`/rectifications/${encodeURIComponent(id)}`, Rectification);

export const closeRectification = (id: string, input: RectificationClose, idempotencyKey: string) =>
  request(`/rectifications/${encodeURIComponent(id)}/close`, Rectification, { method: 'POST', body: input, idempotencyKey });

const PhotoUploaded = z.object({ sha256: z.string(), contentType: z.string(), size: z.number() });

export function uploadEvidencePhoto(file: Blob) {
  const form = new FormData();
  form.append('file', file, 'photo');
  return request('/rectifications/photos', PhotoUploaded, { method: 'POST', form });
}

export const evidencePhotoUrl = (sha256: string) => `${API_BASE}/rectifications/photos/${sha256}`;
