// People import: template, upload (with upload progress — a big file on one bar of signal takes
// minutes), the job, its refused rows, rerun, and my recent imports.
import { z } from 'zod';
import { errorPartsOf, jsonOrNull, retryAfterSeconds } from '../../../shared/error-body.ts';
import { ImportJob } from '../../../shared/imports.ts';
import { API_BASE, ApiError, NETWORK_ERROR, getCsrfToken, request } from '../../lib/api.ts';

export type { ImportJob };
export type ImportMode = ImportJob['mode'];

export const PERSON_TEMPLATE_URL = `${API_BASE}/imports/persons/template.xlsx`;
export const rejectedRowsUrl = (id: string) => `${API_BASE}/imports/${encodeURIComponent(id)}/rejected.xlsx`;

export const importKeys = {
  job: (id: string) => ['imports', 'job', id] as const,
  recent: ['imports', 'recent'] as const,
};

export const getImport = (id: string) => request(`/imports/${encodeURIComponent(id)}`, ImportJob);
export const listMyImports = () => request('/imports', z.object({ items: z.array(ImportJob) }), { query: { kind: 'persons' } });
export const rerunImport = (id: string, idempotencyKey: string) =>
  request(`/imports/${encodeURIComponent(id)}/rerun`, z.object({ id: z.string() }), { method: 'POST', idempotencyKey });

/** The upload through XMLHttpRequest, the one browser API that reports upload progress. */
export function uploadPersons(
  input: { file: File; regionId: number; mode: ImportMode },
  idempotencyKey: string,
  onProgress: (fraction: number) => void,
): Promise<{ id: string }> {
  const form = new FormData();
  form.append('regionId', String(input.regionId));
  form.append('mode', input.mode);
  form.append('file', input.file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/imports/persons`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', idempotencyKey);
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'The server could not be reached'));
    xhr.onload = () => {
      // Not JSON: a proxy's page, read by its status.
      const payload = jsonOrNull(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        const ok = z.object({ id: z.string() }).safeParse(payload);
        if (ok.success) return resolve(ok.data);
      }
      const { code, message, details } = errorPartsOf(payload, xhr.status, xhr.statusText);
      reject(new ApiError(xhr.status, code, message, details, retryAfterSeconds(xhr.getResponseHeader('retry-after'))));
    };
    xhr.send(form);
  });
}
