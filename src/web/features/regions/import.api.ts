// Territory import from a spreadsheet: template, upload (answers a job id at once), job status.
// The contract is being built on the server alongside; this mirrors what was agreed.
import { z } from 'zod';
import { API_BASE, request } from '../../lib/api.ts';

export const IMPORT_MODES = ['valid-rows', 'all-or-nothing'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const ImportJob = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int().nullable().default(0),
  processed: z.number().int().nullable().default(0),
  imported: z.number().int().nullable().default(0),
  rejected: z
    .array(z.object({ row: z.number().int(), column: z.string().nullable().optional(), message: z.string() }))
    .default([]),
  error: z.string().nullable().optional(),
  /** A refused file: the code and parameters of `error`, worded in the reader's language. */
  errorCode: z.string().optional(),
  errorParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** While queued: imports ahead of this one on the server. */
  queuePosition: z.number().int().optional(),
});
export type ImportJob = z.infer<typeof ImportJob>;

export const IMPORT_TEMPLATE_URL = `${API_BASE}/regions/import/template.xlsx`;

export function startImport(file: File, mode: ImportMode, idempotencyKey: string) {
  const form = new FormData();
  form.append('mode', mode);
  form.append('file', file);
  return request('/regions/import', z.object({ id: z.string() }), { method: 'POST', form, idempotencyKey });
}

export const getImportJob = (id: string) => request(`/regions/import/${encodeURIComponent(id)}`, ImportJob);
