// Forms (登记表/责任书): list, read, create from a household, edit while pending, sign (drawn or
// scanned), and the print view's data (ID and phone numbers in full only with an audited purpose).
import type { z } from 'zod';
import { Form, type FormCreate, FormPrint } from '../../../shared/forms.ts';
import { Household, Person } from '../../../shared/households.ts';
import { pageOf } from '../../../shared/paging.ts';
import { API_BASE, request } from '../../lib/api.ts';

export const formKeys = {
  all: ['forms'] as const,
  list: (filters: Record<string, string | number | undefined>) => ['forms', 'list', filters] as const,
  detail: (id: string) => ['forms', 'detail', id] as const,
  print: (id: string) => ['forms', 'print', id] as const,
};

const path = (id: string, rest = '') => `/forms/${encodeURIComponent(id)}${rest}`;

export const listForms = (query: { kind?: string; status?: string; regionId?: number; householdId?: string; cursor?: string; limit?: number }) =>
  request('/forms', pageOf(Form), { query });

export const getForm = (id: string) => request(path(id), Form);

/** The print view's data: numbers masked, or with a purpose (audited) in full. */
export const getFormPrint = (id: string, purpose?: string) =>
  request(path(id, '/print'), FormPrint, purpose ? { query: { reveal: 'true', purpose } } : {});

export const createForm = (input: z.input<typeof FormCreate>, idempotencyKey: string) =>
  request('/forms', Form, { method: 'POST', body: input, idempotencyKey });

export const patchForm = (id: string, fields: Record<string, unknown>, idempotencyKey: string) =>
  request(path(id), Form, { method: 'PATCH', body: { fields }, idempotencyKey });

export const signDrawn = (id: string, dataUrl: string, signedBy: string | undefined, idempotencyKey: string) =>
  request(path(id, '/signature'), Form, { method: 'POST', body: { dataUrl, signedBy }, idempotencyKey });

export function uploadScan(id: string, file: Blob, signedBy: string | undefined, idempotencyKey: string) {
  const form = new FormData();
  if (signedBy) form.append('signedBy', signedBy);
  form.append('file', file);
  return request(path(id, '/scan'), Form, { method: 'POST', form, idempotencyKey });
}

/** Where the signature image or scan is served (same origin: the session cookie goes along). */
export const signatureUrl = (f: Pick<Form, 'id' | 'signatureMethod'>) =>
  `${API_BASE}${path(f.id, f.signatureMethod === 'scan' ? '/scan' : '/signature')}`;

/** The household a form is filled in for, and its people (masked: a form never needs numbers). */
export const getHousehold = (id: string) => request(`/households/${encodeURIComponent(id)}`, Household);
export const listPeopleOf = (householdId: string) => request('/persons', pageOf(Person), { query: { householdId, limit: 200 } });
