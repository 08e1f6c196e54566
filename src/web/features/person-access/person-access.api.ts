// 个人信息查阅 and 更正: the access request (a file, read with fetch so the ID number goes in the
// body) and a person's correction requests.
import { z } from 'zod';
import { type AccessRequest, Correction, type CorrectionCreate, type CorrectionDecision } from '../../../shared/person-access.ts';
import { API_BASE, errorOf, getCsrfToken, newIdempotencyKey, request } from '../../lib/api.ts';

/** Produces the file and hands it to the browser: xlsx downloads, the printable page opens in a new tab. */
export async function produceAccessFile(input: AccessRequest): Promise<void> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const csrf = getCsrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(`${API_BASE}/persons/access-requests`, { method: 'POST', headers, body: JSON.stringify(input), credentials: 'same-origin' });
  if (!response.ok) throw await errorOf(response);
  const url = URL.createObjectURL(await response.blob());
  if (input.format === 'html') {
    window.open(url, '_blank', 'noopener');
  } else {
    const a = document.createElement('a');
    a.href = url;
    a.download = `个人信息查阅-${new Date().toISOString().slice(0, 10)}.xlsx`;
    a.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export const correctionKeys = { person: (personId: string) => ['corrections', personId] as const };
export const listCorrections = (personId: string) => request(`/persons/${encodeURIComponent(personId)}/corrections`, z.object({ items: z.array(Correction) }));
export const createCorrection = (personId: string, input: CorrectionCreate) =>
  request(`/persons/${encodeURIComponent(personId)}/corrections`, Correction, { method: 'POST', body: input, idempotencyKey: newIdempotencyKey() });
export const decideCorrection = (personId: string, id: string, input: CorrectionDecision) =>
  request(`/persons/${encodeURIComponent(personId)}/corrections/${encodeURIComponent(id)}/decision`, Correction, { method: 'POST', body: input, idempotencyKey: newIdempotencyKey() });
