import { z } from 'zod';
import { RecordId, RegionIdParam } from './ids.ts';
import { PageQuery } from './paging.ts';

/** One answer that named a record of another region ("already registered in another region"). */
export const OUT_OF_REGION_ANSWER = 'answered_out_of_region';
/** One account was told about more records of other regions than ENUMERATION_ALERT allows. */
export const ENUMERATION_SUSPECTED = 'enumeration_suspected';
/** More than `people` distinct records of other regions within `minutes` raises the alert. */
export const ENUMERATION_ALERT = { people: 5, minutes: 60 } as const;

export const AuditEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    userId: z.string().nullable(),
    username: z.string().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    regionId: z.number().int().nullable(),
    /**
     * What the entry is about, by name where the project has one for its type (a person's name,
     * a household's address, a region's or a checkpoint's name, an account's display name; a
     * quarantine order or alert by its person); null for other types or a record since deleted.
     */
    entityName: z.string().nullable(),
    /** For a person: the household whose page shows them (the link the log gives). */
    entityHouseholdId: z.string().nullable(),
    ip: z.string().nullable(),
    purpose: z.string().nullable(),
    /** What changed, without personal data: field names, before and after (a role change), or an alert's counts. */
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const AuditQuery = PageQuery.extend({
  entity: z.string().max(40).optional(),
  entityId: z.string().max(64).optional(),
  userId: RecordId.optional(),
  regionId: RegionIdParam.optional(),
  action: z.string().max(40).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
