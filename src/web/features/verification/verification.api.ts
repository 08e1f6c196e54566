// 核查名单 / 核查任务 (API.md "Verification lists"): preview and take-in with upload progress, the
// lists and their progress, the tasks of a subtree, move, bulk assign and review.
import { z } from 'zod';
import { pageOf } from '../../../shared/paging.ts';
import {
  type ListKind,
  type ListMapping,
  ListPreview,
  ListProgressRow,
  type TaskStatus,
  VerificationList,
  VerificationTask,
} from '../../../shared/verification.ts';
import { EnterpriseCode as EnterpriseCodeShape, EnterpriseCodeIssued, type RegionScore, Scores, SpotCheck, SpotCheckDrawn } from '../../../shared/verification-checks.ts';
import { request } from '../../lib/api.ts';
import { uploadWithProgress } from '../../lib/upload.ts';

export type { ListPreview, ListProgressRow, VerificationList, VerificationTask };

export const verificationKeys = {
  all: ['verification'] as const,
  lists: (regionId?: number) => ['verification', 'lists', regionId ?? null] as const,
  list: (id: string) => ['verification', 'list', id] as const,
  progress: (id: string, regionId?: number) => ['verification', 'progress', id, regionId ?? null] as const,
  tasks: (filters: TaskFilters) => ['verification', 'tasks', filters] as const,
};

const enc = encodeURIComponent;
const Lists = z.object({ items: z.array(VerificationList) });

export const previewList = (file: File, source: string | undefined, onProgress: (f: number) => void) => {
  const form = new FormData();
  if (source) form.append('source', source);
  form.append('file', file);
  return uploadWithProgress('/verification-lists/preview', form, ListPreview, { onProgress });
};

export interface NewList {
  file: File;
  name: string;
  kind: ListKind;
  regionId: number;
  source?: string;
  deadlineHours?: number;
  mapping: ListMapping;
  replacesListId?: string;
}

export function createList(input: NewList, idempotencyKey: string, onProgress: (f: number) => void) {
  const form = new FormData();
  form.append('name', input.name);
  form.append('kind', input.kind);
  form.append('regionId', String(input.regionId));
  if (input.source) form.append('source', input.source);
  if (input.deadlineHours) form.append('deadlineHours', String(input.deadlineHours));
  form.append('mapping', JSON.stringify(input.mapping));
  if (input.replacesListId) form.append('replacesListId', input.replacesListId);
  form.append('file', input.file);
  return uploadWithProgress('/verification-lists', form, z.object({ id: z.string() }), { idempotencyKey, onProgress });
}

export const listLists = (regionId?: number) => request('/verification-lists', Lists, { query: { regionId } });
export const getList = (id: string) => request(`/verification-lists/${enc(id)}`, VerificationList);
export const listProgress = (id: string, regionId?: number) =>
  request(`/verification-lists/${enc(id)}/progress`, z.object({ items: z.array(ListProgressRow) }), { query: { regionId } });
export const feedbackPath = (id: string) => `/verification-lists/${enc(id)}/feedback.xlsx`;

export interface TaskFilters {
  regionId?: number;
  listId?: string;
  status?: TaskStatus;
  unrouted?: 'true';
}
export const listTasks = (filters: TaskFilters, cursor?: string) =>
  request('/verification-tasks', pageOf(VerificationTask), { query: { ...filters, cursor, limit: 50 } });

export const moveTask = (id: string, body: { regionId: number; reason?: string }, idempotencyKey: string) =>
  request(`/verification-tasks/${enc(id)}`, VerificationTask, { method: 'PATCH', body, idempotencyKey });
export const assignTasks = (body: { taskIds: string[]; regionId: number }, idempotencyKey: string) =>
  request('/verification-tasks/assign', z.object({ assigned: z.number() }), { method: 'POST', body, idempotencyKey });
export const reviewTask = (id: string, body: { accept: boolean; note?: string }, idempotencyKey: string) =>
  request(`/verification-tasks/${enc(id)}/review`, VerificationTask, { method: 'POST', body, idempotencyKey });

/** A list is still being taken in: its page polls. */
export const isRunning = (list: VerificationList | undefined) => list?.status === 'queued' || list?.status === 'running';

export const getTask = (id: string) => request(`/verification-tasks/${enc(id)}`, VerificationTask);

// ── spot checks (抽查), the score (考核), enterprise codes (复工复产): docs/api-extra.md ──────────
export const spotKeys = {
  list: (listId: string) => ['verification', 'spot-checks', listId] as const,
  scores: (regionId: number | undefined, days: number) => ['verification', 'scores', regionId ?? null, days] as const,
  codes: (regionId?: number) => ['verification', 'enterprise-codes', regionId ?? null] as const,
};
export type { RegionScore, Scores, SpotCheck };
export type EnterpriseCode = z.infer<typeof EnterpriseCodeShape>;

export const listSpotChecks = (listId: string) => request(`/verification-lists/${enc(listId)}/spot-checks`, z.object({ items: z.array(SpotCheck) }));
export const drawSpotChecks = (listId: string, body: { regionId: number; teamId: string; share?: number }, idempotencyKey: string) =>
  request(`/verification-lists/${enc(listId)}/spot-checks`, SpotCheckDrawn, { method: 'POST', body, idempotencyKey });
export const recordSpotCheck = (id: string, body: { confirm: boolean; note?: string }, idempotencyKey: string) =>
  request(`/spot-checks/${enc(id)}/result`, SpotCheck, { method: 'POST', body, idempotencyKey });

export const getScores = (regionId: number | undefined, days: number) => request('/stats/scores', Scores, { query: { regionId, days } });

export const listCodes = (regionId?: number) => request('/enterprise-codes', z.object({ items: z.array(EnterpriseCodeShape) }), { query: { regionId } });
export const issueCode = (body: { regionId: number; enterpriseName: string; validDays?: number; deadlineHours?: number }, idempotencyKey: string) =>
  request('/enterprise-codes', EnterpriseCodeIssued, { method: 'POST', body, idempotencyKey });
export const revokeCode = (id: string, idempotencyKey: string) => request(`/enterprise-codes/${enc(id)}/revoke`, EnterpriseCodeShape, { method: 'POST', idempotencyKey });
