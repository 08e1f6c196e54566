// 扫码登记 for staff: the village QR codes, the verify queue, one entry in full, the decisions,
// and the summary for the chart and the field app's badge.
import type { z } from 'zod';
import {
  ArrivalCode,
  ArrivalEntry,
  type ArrivalLink,
  type ArrivalReject,
  type ArrivalStatus,
  ArrivalSummary,
  type ArrivalVerify,
} from '../../../shared/arrivals.ts';
import { pageOf } from '../../../shared/paging.ts';
import { Region } from '../../../shared/regions.ts';
import { request } from '../../lib/api.ts';

/** Live events after which the queue reads again. */
export const ARRIVAL_EVENTS = ['arrival.changed'] as const;

export interface EntryFilter {
  status?: ArrivalStatus;
  regionId?: number;
}

export const arrivalKeys = {
  all: ['arrivals'] as const,
  list: (filter: EntryFilter) => ['arrivals', 'list', filter] as const,
  detail: (id: string) => ['arrivals', 'detail', id] as const,
  summary: (regionId?: number) => ['arrivals', 'summary', regionId ?? 0] as const,
  codes: (status?: string) => ['arrivals', 'codes', status ?? ''] as const,
  code: (id: string) => ['arrivals', 'code', id] as const,
  villages: ['arrivals', 'villages'] as const,
  grids: (villageId: number) => ['arrivals', 'grids', villageId] as const,
};

export const listEntries = (query: EntryFilter & { cursor?: string; limit?: number }) => request('/arrivals', pageOf(ArrivalEntry), { query: { ...query } });
/** One entry: numbers masked, or with a purpose (audited) in full. */
export const getEntry = (id: string, purpose?: string) =>
  request(`/arrivals/${encodeURIComponent(id)}`, ArrivalEntry, purpose ? { query: { reveal: 'true', purpose } } : {});
export const getSummary = (regionId?: number) => request('/arrivals/summary', ArrivalSummary, { query: { regionId } });

type VerifyInput = z.input<typeof ArrivalVerify>;
export const verifyEntry = (id: string, input: VerifyInput, idempotencyKey: string) =>
  request(`/arrivals/${encodeURIComponent(id)}/verify`, ArrivalEntry, { method: 'POST', body: input, idempotencyKey });
export const linkEntry = (id: string, input: z.input<typeof ArrivalLink>, idempotencyKey: string) =>
  request(`/arrivals/${encodeURIComponent(id)}/link`, ArrivalEntry, { method: 'POST', body: input, idempotencyKey });
export const rejectEntry = (id: string, input: z.input<typeof ArrivalReject>, idempotencyKey: string) =>
  request(`/arrivals/${encodeURIComponent(id)}/reject`, ArrivalEntry, { method: 'POST', body: input, idempotencyKey });

export const listCodes = (query: { status?: string; cursor?: string; limit?: number }) => request('/arrival-codes', pageOf(ArrivalCode), { query: { ...query } });
export const getCode = (id: string) => request(`/arrival-codes/${encodeURIComponent(id)}`, ArrivalCode);
export const createCode = (regionId: number, idempotencyKey: string) => request('/arrival-codes', ArrivalCode, { method: 'POST', body: { regionId }, idempotencyKey });
export const revokeCode = (id: string, idempotencyKey: string) => request(`/arrival-codes/${encodeURIComponent(id)}/revoke`, ArrivalCode, { method: 'POST', body: {}, idempotencyKey });
export const replaceCode = (id: string, idempotencyKey: string) => request(`/arrival-codes/${encodeURIComponent(id)}/replace`, ArrivalCode, { method: 'POST', body: {}, idempotencyKey });
export const qrUrl = (id: string) => `/api/v1/arrival-codes/${encodeURIComponent(id)}/qr.svg`;

/** The villages of the account's subtree (for "issue a code"); at most 500. */
export const listVillages = () => request('/regions', pageOf(Region), { query: { level: 'village', limit: 500 } });
/** The grids of a village (to choose where a person is registered). */
export const listGrids = (villageId: number) => request('/regions', pageOf(Region), { query: { parentId: villageId, limit: 500 } });
