// A household's or a person's change history (issue 15 item 5): who changed which fields when,
// with old → new values kept since migration 0024. ID and phone numbers are shown masked, fields
// that may hold health facts only as changed; versions saved before 0024 name their fields alone.
import { z } from 'zod';

/** How one field's change is shown. */
export const CHANGE_SHOWN = ['value', 'masked', 'changed', 'name_only'] as const;
export const FieldChange = z.object({
  field: z.string(),
  /** value: old → new as saved; masked: ID/phone numbers masked; changed: a health field, values never shown; name_only: saved before values were kept. */
  shown: z.enum(CHANGE_SHOWN),
  old: z.union([z.string(), z.number(), z.boolean()]).nullable().optional(),
  new: z.union([z.string(), z.number(), z.boolean()]).nullable().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const ChangeEntry = z
  .object({
    version: z.number().int(),
    at: z.string(),
    userId: z.string().nullable(),
    /** The account's display name, when it still exists. */
    by: z.string().nullable(),
    fields: z.array(FieldChange),
  })
  .meta({ id: 'ChangeEntry' });
export type ChangeEntry = z.infer<typeof ChangeEntry>;
export const ChangeHistory = z.object({ items: z.array(ChangeEntry) });
export type ChangeHistory = z.infer<typeof ChangeHistory>;
