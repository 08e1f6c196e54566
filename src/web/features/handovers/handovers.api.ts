// Hand-overs (移交): the requests and query keys of the inbox and the propose dialog.
import { Handover, type HandoverAccept, type HandoverCreate, type HandoverStatus } from '../../../shared/handovers.ts';
import { pageOf } from '../../../shared/paging.ts';
import { request } from '../../lib/api.ts';

export const HANDOVER_EVENT_PREFIXES = ['handover'] as const;

export interface HandoverFilter {
  regionId?: number;
  direction?: 'in' | 'out';
  status?: HandoverStatus;
  q?: string;
}

export const handoverKeys = {
  all: ['handovers'] as const,
  list: (f: HandoverFilter) => ['handovers', 'list', f] as const,
};

export const listHandovers = (f: HandoverFilter, cursor?: string) =>
  request('/handovers', pageOf(Handover), { query: { regionId: f.regionId, direction: f.direction, status: f.status, q: f.q, cursor, limit: 50 } });

export const proposeHandover = (personId: string, input: HandoverCreate, idempotencyKey: string) =>
  request(`/persons/${encodeURIComponent(personId)}/handovers`, Handover, { method: 'POST', body: input, idempotencyKey });

export const acceptHandover = (id: string, input: HandoverAccept, idempotencyKey: string) =>
  request(`/handovers/${encodeURIComponent(id)}/accept`, Handover, { method: 'POST', body: input, idempotencyKey });

export const refuseHandover = (id: string, reason: string, idempotencyKey: string) =>
  request(`/handovers/${encodeURIComponent(id)}/refuse`, Handover, { method: 'POST', body: { reason }, idempotencyKey });
