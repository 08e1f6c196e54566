// The one rule for full ID and phone numbers: every answer carries them masked unless the caller
// asks (`reveal=true`) with a purpose in their own words, which goes into the audit entry of the
// read. Persons, the people export, the form print view and an arrival entry all take it.
import { z } from 'zod';
import { PURPOSE_LIMITS } from './reveal-limits.ts';

export { PURPOSE_LIMITS };

export const RevealQuery = z.object({
  /** Show ID and phone numbers in full (roles allowing it); needs a purpose for the audit log. */
  reveal: z.enum(['true', 'false']).optional(),
  purpose: z.string().trim().min(PURPOSE_LIMITS.min).max(PURPOSE_LIMITS.max).optional(),
});
export type RevealQuery = z.infer<typeof RevealQuery>;
