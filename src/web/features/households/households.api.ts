// Households, their people and visits (排摸): list, read, register, visit; a purpose-bound reveal.
import { z } from 'zod';
import {
  EditConflict,
  Household,
  type HouseholdCreate,
  type HouseholdPatch,
  Person,
  type PersonCreate,
  type PersonMerge,
  type PersonPatch,
  Visit,
  type VisitCreate,
} from '../../../shared/households.ts';
import { ChangeHistory } from '../../../shared/history.ts';
import { pageOf } from '../../../shared/paging.ts';
import { type PersonSearchBody, PersonSearchResult } from '../../../shared/person-search.ts';
import { request } from '../../lib/api.ts';

export const householdKeys = {
  all: ['households'] as const,
  list: (q: string, notVisitedForDays: number | undefined) => ['households', 'list', q, notVisitedForDays ?? 0] as const,
  detail: (id: string) => ['households', 'detail', id] as const,
  persons: (id: string) => ['households', 'persons', id] as const,
  visits: (id: string) => ['households', 'visits', id] as const,
  conflicts: ['households', 'conflicts'] as const,
  person: (id: string) => ['households', 'person', id] as const,
  history: (entity: 'household' | 'person', id: string) => ['households', 'history', entity, id] as const,
};

/** Who changed which fields when (an audited read). */
export const getHistory = (entity: 'household' | 'person', id: string) =>
  request(`/${entity === 'household' ? 'households' : 'persons'}/${encodeURIComponent(id)}/history`, ChangeHistory);

export const listHouseholds = (query: { regionId?: number; q?: string; notVisitedForDays?: number; cursor?: string; limit?: number }) =>
  request('/households', pageOf(Household), { query });

export const getHousehold = (id: string) => request(`/households/${encodeURIComponent(id)}`, Household);

export const createHousehold = (input: z.input<typeof HouseholdCreate>, idempotencyKey: string) =>
  request('/households', Household, { method: 'POST', body: input, idempotencyKey });

/** The people of one household (a household rarely has more than a page of them). */
export const listPersonsOf = (householdId: string) => request('/persons', pageOf(Person), { query: { householdId, limit: 200 } });

export const createPerson = (input: z.input<typeof PersonCreate>, idempotencyKey: string) =>
  request('/persons', Person, { method: 'POST', body: input, idempotencyKey });

/** Full ID and phone numbers: audited with the purpose; the answer is shown, never stored. */
export const revealPerson = (id: string, purpose: string) =>
  request(`/persons/${encodeURIComponent(id)}`, Person, { query: { reveal: 'true', purpose } });

export const listVisits = (householdId: string) => request(`/households/${encodeURIComponent(householdId)}/visits`, pageOf(Visit));

export const recordVisit = (input: z.input<typeof VisitCreate>, idempotencyKey: string) =>
  request('/visits', Visit, { method: 'POST', body: input, idempotencyKey });

const WithClashes = z.object({ clashes: z.array(z.string()) });

/** An edit against the version the user saw; `clashes` names fields kept at the server's value. */
export const patchHousehold = (id: string, patch: HouseholdPatch, idempotencyKey: string) =>
  request(`/households/${encodeURIComponent(id)}`, Household.extend(WithClashes.shape), { method: 'PATCH', body: patch, idempotencyKey });

export const patchPerson = (id: string, patch: PersonPatch, idempotencyKey: string) =>
  request(`/persons/${encodeURIComponent(id)}`, Person.extend(WithClashes.shape), { method: 'PATCH', body: patch, idempotencyKey });

/** A person's record, numbers masked (the read is audited). */
export const getPerson = (id: string) => request(`/persons/${encodeURIComponent(id)}`, Person);

/** Duplicate ID number, "the same person, who moved here": move into householdId with the chosen fields. */
export const mergePerson = (id: string, input: z.input<typeof PersonMerge>, idempotencyKey: string) =>
  request(`/persons/${encodeURIComponent(id)}/merge`, Person, { method: 'POST', body: input, idempotencyKey });

export const listEditConflicts = () => request('/edit-conflicts', pageOf(EditConflict));

export const resolveEditConflict = (id: string, resolution: 'take' | 'keep', idempotencyKey: string) =>
  request(`/edit-conflicts/${encodeURIComponent(id)}/resolve`, z.object({ id: z.string(), resolution: z.enum(['take', 'keep']) }), {
    method: 'POST',
    body: { resolution },
    idempotencyKey,
  });

/** 人员查询: POSTed so that an ID or phone number typed never sits in a URL. */
export const searchPersons = (body: PersonSearchBody) => request('/persons/search', PersonSearchResult, { method: 'POST', body });
