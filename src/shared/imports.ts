// Spreadsheet import jobs, as the API reports them (API.md: imports).
import { z } from 'zod';

export const IMPORT_MODES = ['valid-rows', 'all-or-nothing'] as const;

export const ImportRejection = z.object({
  /** The row as the spreadsheet shows it (the header is row 1). */
  row: z.number().int(),
  /** The column's letter and header as the file has it, e.g. "J 身份证号". */
  column: z.string(),
  message: z.string(),
  /** shared/import-reasons.ts, for the reason in the reader's language. */
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportRejection = z.infer<typeof ImportRejection>;

export const ImportJob = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    mode: z.enum(IMPORT_MODES),
    /** Thousandths done. */
    progress: z.number().int(),
    phase: z.enum(['reading', 'checking', 'writing']).nullable(),
    fileName: z.string().nullable(),
    total: z.number().int(),
    processed: z.number().int(),
    imported: z.number().int(),
    /** The first 1,000 refusals; rejectedCount counts them all. */
    rejected: z.array(ImportRejection),
    rejectedCount: z.number().int(),
    error: z.string().optional(),
    /** A refused file: `error`'s code and parameters, for the reader's language (import-reasons.ts). */
    errorCode: z.string().optional(),
    errorParams: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    /** While queued: how many imports wait ahead of this one (imports run a few at a time). */
    queuePosition: z.number().int().optional(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'PersonImportJob' });
export type ImportJob = z.infer<typeof ImportJob>;
