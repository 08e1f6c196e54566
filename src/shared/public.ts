// What the public pages (no account) read besides tips, arrivals and notices: the territory's
// names for the region picker. Names and levels only: the tree is public knowledge.
import { z } from 'zod';
import { RegionIdParam } from './ids.ts';

export const PublicRegion = z
  .object({ id: z.number().int(), name: z.string(), level: z.enum(['county', 'town', 'village', 'grid', 'microgrid']), hasChildren: z.boolean() })
  .meta({ id: 'PublicRegion' });
export type PublicRegion = z.infer<typeof PublicRegion>;

/** GET /public/regions?parentId=: the children (the county when no parent is given). */
export const PublicRegionQuery = z.object({ parentId: RegionIdParam.optional() });
export const PublicRegionList = z.object({ items: z.array(PublicRegion) });
