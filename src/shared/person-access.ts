// A person's access request (查阅复制, 个人信息保护法 art. 45) and correction requests (更正, art. 46):
// the contract the server and the staff console share. The ID number travels in a POST body,
// never in a URL; a purpose is required and goes into the audit entry.
import { z } from 'zod';
import { REGISTRARS } from './accounts.ts';
import { PURPOSE_LIMITS } from './reveal-limits.ts';

/** Who may produce a person's data or record a correction: the roles that may read full records. */
export const ACCESS_REQUEST_ROLES = REGISTRARS;

export const ACCESS_FORMATS = ['xlsx', 'html'] as const;

const Purpose = z
  .string({ error: 'purpose: say why (the person’s request, its reference) — it goes into the audit log' })
  .trim()
  .min(PURPOSE_LIMITS.min, 'purpose: say why (the person’s request, its reference) — it goes into the audit log')
  .max(PURPOSE_LIMITS.max);

export const AccessRequest = z.strictObject({
  /** The person's ID number, found through its keyed hash. */
  idNumber: z.string().trim().min(1).max(40),
  purpose: Purpose,
  /** xlsx: one sheet per kind of data; html: a page to print (or save as PDF from the browser's print dialog). */
  format: z.enum(ACCESS_FORMATS).default('xlsx'),
});
export type AccessRequest = z.infer<typeof AccessRequest>;

export const CORRECTION_STATUSES = ['pending', 'corrected', 'refused'] as const;
export const CorrectionStatus = z.enum(CORRECTION_STATUSES);
export type CorrectionStatus = z.infer<typeof CorrectionStatus>;
export const CORRECTION_TEXT_MAX = 500;

export const CorrectionCreate = z.strictObject({
  /** The person fields the person says are wrong (free names: a field, "household address", …). */
  fields: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  /** What the person asked, in the staff's words. */
  asked: z.string().trim().min(1).max(CORRECTION_TEXT_MAX),
});
export type CorrectionCreate = z.infer<typeof CorrectionCreate>;

export const CorrectionDecision = z
  .strictObject({
    outcome: z.enum(['corrected', 'refused']),
    /** Required when refused: the reason the person is told. */
    answer: z.string().trim().max(CORRECTION_TEXT_MAX).optional(),
    version: z.number().int().min(1),
  })
  .refine((d) => d.outcome !== 'refused' || (d.answer ?? '').length > 0, { path: ['answer'], message: 'answer: a refusal needs its reason' });
export type CorrectionDecision = z.infer<typeof CorrectionDecision>;

export const Correction = z
  .object({
    id: z.string(),
    personId: z.string(),
    fields: z.array(z.string()),
    asked: z.string(),
    status: CorrectionStatus,
    answer: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Correction' });
export type Correction = z.infer<typeof Correction>;
