// Tips (有奖举报), staff side: the inbox (list and summary), one tip with its history, photos and
// group, the one PATCH that moves it along the loop, and the reward ledger.
import { pageOf } from '../../../shared/paging.ts';
import { type RewardStatus, Tip, type TipAction, type TipCategory, TipDetail, TipLedger, type TipStatus, TipSummary } from '../../../shared/tips.ts';
import { API_BASE, request } from '../../lib/api.ts';

/** The server names its live events tip.* (filed, changed, …): any of them refreshes the pages. */
export const TIP_EVENTS = { prefixes: ['tip'] } as const;

export interface TipFilter {
  /** All or part of a tip's number. */
  q?: string;
  regionId?: number;
  status?: TipStatus;
  category?: TipCategory;
  /** 'true' = not yet evaluated; undefined = all. */
  open?: 'true';
  overdue?: 'true';
  reward?: RewardStatus;
  grouped?: 'true';
}

export const tipKeys = {
  all: ['tips'] as const,
  list: (filter: TipFilter) => ['tips', 'list', filter] as const,
  summary: (regionId: number | undefined) => ['tips', 'summary', regionId ?? 0] as const,
  detail: (id: string) => ['tips', 'detail', id] as const,
  ledger: (regionId: number | undefined, from: string, to: string) => ['tips', 'ledger', regionId ?? 0, from, to] as const,
};

const id = (x: string) => encodeURIComponent(x);

export const listTips = (query: TipFilter & { cursor?: string; limit?: number }) => request('/tips', pageOf(Tip), { query: { ...query } });

export const getTipSummary = (regionId: number | undefined) => request('/tips/summary', TipSummary, { query: { regionId } });

export const getTip = (tipId: string) => request(`/tips/${id(tipId)}`, TipDetail);

export const actOnTip = (tipId: string, action: TipAction, idempotencyKey: string) =>
  request(`/tips/${id(tipId)}`, Tip, { method: 'PATCH', body: action, idempotencyKey });

export const getTipLedger = (query: { regionId?: number; from: string; to: string }) => request('/tips/ledger', TipLedger, { query: { ...query } });

/** The photo's address: the server's own url when it gives one (same origin), else the contract's path. */
export function photoUrl(tipId: string, photo: { position: number; url: string }): string {
  if (photo.url.startsWith('/')) return photo.url;
  return `${API_BASE}/tips/${id(tipId)}/photos/${photo.position}`;
}
