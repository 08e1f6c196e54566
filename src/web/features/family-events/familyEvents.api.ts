// Family events (红白事报备): the list, one event with its history, filing, guidance, follow-up
// and the summary counts.
import {
  FamilyEvent,
  type FamilyEventCreate,
  FamilyEventDetail,
  type FamilyEventFollowUpInput,
  type FamilyEventGuidance,
  type FamilyEventKind,
  type FamilyEventStatus,
  FamilyEventSummary,
} from '../../../shared/family-events.ts';
import { pageOf } from '../../../shared/paging.ts';
import { request } from '../../lib/api.ts';

/** Live events after which the family-event page reads again. */
export const FAMILY_EVENT_EVENTS = ['family_event.changed'] as const;

export interface FamilyEventFilter {
  regionId?: number;
  kind?: FamilyEventKind;
  status?: FamilyEventStatus;
  from?: string;
  to?: string;
}

export const familyEventKeys = {
  all: ['family-events'] as const,
  list: (filter: FamilyEventFilter) => ['family-events', 'list', filter] as const,
  detail: (id: string) => ['family-events', 'detail', id] as const,
  summary: ['family-events', 'summary'] as const,
};

export const listFamilyEvents = (query: FamilyEventFilter & { cursor?: string; limit?: number }) =>
  request('/family-events', pageOf(FamilyEvent), { query: { ...query } });

export const getFamilyEvent = (id: string) => request(`/family-events/${encodeURIComponent(id)}`, FamilyEventDetail);

export const fileFamilyEvent = (input: FamilyEventCreate, idempotencyKey: string) =>
  request('/family-events', FamilyEvent, { method: 'POST', body: input, idempotencyKey });

export const recordGuidance = (id: string, input: FamilyEventGuidance, idempotencyKey: string) =>
  request(`/family-events/${encodeURIComponent(id)}/guidance`, FamilyEvent, { method: 'POST', body: input, idempotencyKey });

export const recordFollowUp = (id: string, input: FamilyEventFollowUpInput, idempotencyKey: string) =>
  request(`/family-events/${encodeURIComponent(id)}/follow-up`, FamilyEvent, { method: 'POST', body: input, idempotencyKey });

export const getFamilyEventSummary = () => request('/family-events/summary', FamilyEventSummary);
