// The territory: county → town/street → village/community → grid → micro-grid.
import { z } from 'zod';
import { RegionIdBody, RegionIdParam } from './ids.ts';
import { PageQuery } from './paging.ts';

export const REGION_LEVELS = ['county', 'town', 'village', 'grid', 'microgrid'] as const;
export const RegionLevel = z.enum(REGION_LEVELS);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** The level a child of each level must have (a county's child is a town, …). */
export const CHILD_LEVEL: Record<RegionLevel, RegionLevel | null> = {
  county: 'town',
  town: 'village',
  village: 'grid',
  grid: 'microgrid',
  microgrid: null,
};

// GB/T 2260 county codes are 6 digits; the statistical codes below are 9 (town) or 12 digits.
// Grids and micro-grids have no national code: counties number them by extending the
// village's 12 digits, so we accept 6 to 20 digits.
export const RegionCode = z.string().trim().regex(/^\d{6,20}$/, 'must be 6 to 20 digits');

export const Region = z
  .object({
    id: z.number().int(),
    parentId: z.number().int().nullable(),
    level: RegionLevel,
    code: z.string(),
    name: z.string(),
    active: z.boolean(),
    childCount: z.number().int().optional(),
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof Region>;

export const RegionName = z.string().trim().min(1).max(100);

export const RegionCreate = z.strictObject({
  parentId: RegionIdBody,
  level: RegionLevel,
  code: RegionCode,
  name: RegionName,
});
export type RegionCreate = z.infer<typeof RegionCreate>;

export const RegionPatch = z.strictObject({
  name: RegionName.optional(),
  code: RegionCode.optional(),
  /** Moving a subtree: the new parent, which must be of the parent level. */
  parentId: RegionIdBody.optional(),
  active: z.boolean().optional(),
});
export type RegionPatch = z.infer<typeof RegionPatch>;

export const RegionListQuery = PageQuery.extend({
  parentId: RegionIdParam.optional(),
  q: z.string().trim().max(100).optional(),
  level: RegionLevel.optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
