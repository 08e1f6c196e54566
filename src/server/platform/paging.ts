// Opaque cursors: base64url of the last row's sort key. Clients never parse them.
import type { Compilable } from 'kysely';
import { isRecordId, isRegionIdText } from '../../shared/ids.ts';
import { AppError } from './errors.ts';

export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify([key])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | number | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const key = Array.isArray(parsed) ? parsed[0] : undefined;
    if (typeof key === 'string' || typeof key === 'number') return key;
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [
    { path: 'cursor', message: 'invalid cursor' },
  ]);
}

/** Given limit+1 rows fetched, the page and the cursor for the next one. */
export function page<R, T>(rows: R[], limit: number, keyOf: (r: R) => string | number, map: (r: R) => T) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** Where a page in region order stopped: the region, and the row's own key inside it. */
export interface RegionAfter<K> {
  regionId: number;
  key: K;
}

/**
 * A page of a subtree's records in (region id, key) order, read as at most two forward index
 * ranges over an index that starts (region_id, key…): the rest of the region the previous page
 * stopped in, then the subtree's later regions (`region_id in (…)`, which both databases walk in
 * id order, so no sort). One OR-ed keyset condition instead would make SQLite read each earlier
 * region's rows again only to drop them.
 */
export async function regionOrderedPage<R, K>(after: RegionAfter<K> | undefined, limit: number, reads: RegionOrderedReads<R, K>): Promise<R[]> {
  if (!after) return reads.laterRegions(undefined, limit).execute();
  const rest = await reads.restOfRegion(after.regionId, after.key, limit).execute();
  if (rest.length > limit) return rest;
  return [...rest, ...(await reads.laterRegions(after.regionId, limit - rest.length).execute())];
}

/** The two reads of regionOrderedPage, each fetching `limit + 1` rows (builders, so tests can explain them). */
export interface RegionOrderedReads<R, K> {
  restOfRegion(regionId: number, key: K, limit: number): RegionOrderedRead<R>;
  laterRegions(afterRegionId: number | undefined, limit: number): RegionOrderedRead<R>;
}
type RegionOrderedRead<R> = Compilable & { execute(): Promise<R[]> };

/**
 * regionOrderedPage as reads sent together (read-together.ts): both ranges are read at once,
 * each up to `limit + 1` rows, and `rowsOf` joins them as regionOrderedPage would have — the
 * later regions' rows only where the rest of the region did not fill the page.
 */
export function regionOrderedReads<R, K>(after: RegionAfter<K> | undefined, limit: number, reads: RegionOrderedReads<R, K>) {
  if (!after) return { queries: [reads.laterRegions(undefined, limit)], rowsOf: ([rows]: unknown[][]) => (rows ?? []) as R[] };
  return {
    queries: [reads.restOfRegion(after.regionId, after.key, limit), reads.laterRegions(after.regionId, limit)],
    rowsOf: ([rest = [], later = []]: unknown[][]) => (rest.length > limit ? rest : [...rest, ...later.slice(0, limit + 1 - rest.length)]) as R[],
  };
}

/** A row's key in region order, for page()'s cursor: the region id, then the row's key parts (none holds \0). */
export const regionCursorKey = (regionId: number, ...key: string[]) => [regionId, ...key].join('\u0000');

/**
 * Reads a cursor made of regionCursorKey with `parts` key parts, the last the row's record id;
 * anything else is refused before it reaches a query (PostgreSQL would fail casting a bad uuid).
 */
export function decodeRegionCursor(cursor: string | undefined, parts: number): RegionAfter<string[]> | undefined {
  const value = decodeCursor(cursor);
  if (value === undefined) return undefined;
  const [region, ...key] = String(value).split('\u0000');
  if (!isRegionIdText(region) || key.length !== parts || !isRecordId(key[parts - 1])) {
    throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this server issued', [{ path: 'cursor', message: 'invalid cursor' }]);
  }
  return { regionId: Number(region), key };
}
