// The territory API: children of a region, search in the subtree, one region with its path,
// create and patch (rename, recode, move, deactivate).
import { z } from 'zod';
import { pageOf } from '../../../shared/paging.ts';
import { Region, RegionLevel, type RegionCreate, type RegionPatch } from '../../../shared/regions.ts';
import { request } from '../../lib/api.ts';

export const RegionDetail = Region.extend({
  path: z.array(z.object({ id: z.number().int(), name: z.string(), level: RegionLevel })),
});
export type RegionDetail = z.infer<typeof RegionDetail>;

const RegionPage = pageOf(Region);
const CHILDREN_PAGE = 500;
/** A village can hold hundreds of micro-grids; stop paging somewhere sane. */
const CHILDREN_MAX_PAGES = 20;

export const regionKeys = {
  all: ['regions'] as const,
  children: (parentId: number, includeInactive: boolean) => ['regions', 'children', parentId, includeInactive] as const,
  detail: (id: number) => ['regions', 'detail', id] as const,
  search: (q: string, level: string, includeInactive: boolean) => ['regions', 'search', q, level, includeInactive] as const,
};

export async function listChildren(parentId: number, includeInactive: boolean): Promise<Region[]> {
  const all: Region[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < CHILDREN_MAX_PAGES; i++) {
    const page = await request('/regions', RegionPage, {
      query: { parentId, limit: CHILDREN_PAGE, cursor, includeInactive: includeInactive ? 'true' : undefined },
    });
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}

export const searchRegions = (q: string, level: RegionLevel | undefined, includeInactive: boolean, limit = 50) =>
  request('/regions', RegionPage, { query: { q, level, limit, includeInactive: includeInactive ? 'true' : undefined } });

export const getRegion = (id: number) => request(`/regions/${id}`, RegionDetail);

export const createRegion = (input: RegionCreate, idempotencyKey: string) =>
  request('/regions', Region, { method: 'POST', body: input, idempotencyKey });

export const patchRegion = (id: number, patch: RegionPatch, idempotencyKey: string) =>
  request(`/regions/${id}`, Region, { method: 'PATCH', body: patch, idempotencyKey });
