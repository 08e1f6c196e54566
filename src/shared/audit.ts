import { z } from 'zod';
import { RecordId, RegionIdParam } from './ids.ts';
import { PageQuery } from './paging.ts';

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
    ip: z.string().nullable(),
    purpose: z.string().nullable(),
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
