// People import: template, upload (with upload progress — a big file on one bar of signal takes
// minutes), the job, its refused rows, rerun, and my recent imports.
import { z } from 'zod';
import { ImportJob } from '../../../shared/imports.ts';
import { API_BASE, request } from '../../lib/api.ts';
import { uploadWithProgress } from '../../lib/upload.ts';

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

/** The upload with its progress (lib/upload.ts). */
export function uploadPersons(
  input: { file: File; regionId: number; mode: ImportMode },
  idempotencyKey: string,
  onProgress: (fraction: number) => void,
): Promise<{ id: string }> {
  const form = new FormData();
  form.append('regionId', String(input.regionId));
  form.append('mode', input.mode);
  form.append('file', input.file);
  return uploadWithProgress('/imports/persons', form, z.object({ id: z.string() }), { idempotencyKey, onProgress });
}
