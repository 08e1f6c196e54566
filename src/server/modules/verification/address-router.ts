// Routes a list's address to a region when no registered person was found: first against the
// registered dwelling addresses of the list's subtree (the whole address, or its end after a
// prefix such as the county's or town's name: "XX县城关镇东村3组12号" ends with "东村3组12号"),
// then against region names appearing in the address (town, village or community, grid). Each
// match has a score; only a match naming a village or finer routes the task, the rest stay in
// the pool for a person to assign.
import { toHalfWidth } from '../../../shared/normalise.ts';
import type { RegionLevel } from '../../../shared/regions.ts';
import { pathIds } from '../../../shared/region-path.ts';

export interface AddressMatch {
  regionId: number;
  score: number;
  /** What matched, for the task's reason: a registered address, or a region's name. */
  by: 'dwelling' | 'region';
  regionName: string;
}

export interface RouterRegion {
  id: number;
  name: string;
  level: RegionLevel;
  path: string;
}

/** Scores below this leave the task in the pool. */
export const ROUTE_THRESHOLD = 60;
const LEVEL_SCORE: Partial<Record<RegionLevel, number>> = { town: 40, village: 60, grid: 80, microgrid: 80 };
const MIN_ADDRESS = 4;
const MAX_NAME = 12;
const AMBIGUOUS = -1;

export const addressKey = (text: string) => toHalfWidth(text).replace(/[\s,，。.、]/g, '').toLowerCase();

export class AddressRouter {
  private readonly dwellings = new Map<string, number>();
  private readonly names = new Map<string, RouterRegion[]>();
  private readonly byId = new Map<number, RouterRegion>();

  constructor(regions: readonly RouterRegion[], addresses: Iterable<{ address: string; region_id: number }>) {
    for (const r of regions) {
      this.byId.set(r.id, r);
      if (LEVEL_SCORE[r.level] === undefined) continue;
      const key = addressKey(r.name);
      if (key.length < 2 || key.length > MAX_NAME) continue;
      const list = this.names.get(key) ?? [];
      if (list.length === 0) this.names.set(key, list);
      list.push(r);
    }
    for (const a of addresses) {
      const key = addressKey(a.address);
      if (key.length < MIN_ADDRESS) continue;
      const known = this.dwellings.get(key);
      // The same address text in two grids says nothing about which one.
      this.dwellings.set(key, known === undefined || known === a.region_id ? a.region_id : AMBIGUOUS);
    }
  }

  match(address: string | null): AddressMatch | null {
    if (!address) return null;
    const key = addressKey(address);
    if (key.length < MIN_ADDRESS) return null;
    for (let start = 0; start + MIN_ADDRESS <= key.length; start++) {
      const regionId = this.dwellings.get(start === 0 ? key : key.slice(start));
      if (regionId === undefined || regionId === AMBIGUOUS) continue;
      const region = this.byId.get(regionId);
      return { regionId, score: start === 0 ? 100 : 90, by: 'dwelling', regionName: region?.name ?? '' };
    }
    return this.byName(key);
  }

  /** The finest region whose name the address holds; a name shared by several regions counts only where a named ancestor decides it. */
  private byName(key: string): AddressMatch | null {
    const found: RouterRegion[] = [];
    for (let start = 0; start < key.length; start++) {
      for (let len = 2; len <= MAX_NAME && start + len <= key.length; len++) {
        const regions = this.names.get(key.slice(start, start + len));
        if (regions) found.push(...regions);
      }
    }
    if (found.length === 0) return null;
    const ids = new Set(found.map((r) => r.id));
    const ancestorsNamed = (r: RouterRegion) => pathIds(r.path).filter((id) => id !== r.id && ids.has(id)).length;
    let best: { region: RouterRegion; score: number } | null = null;
    let tie = false;
    for (const r of found) {
      const score = Math.min(95, (LEVEL_SCORE[r.level] ?? 0) + 10 * ancestorsNamed(r));
      if (!best || score > best.score) {
        best = { region: r, score };
        tie = false;
      } else if (score === best.score && r.id !== best.region.id) tie = true;
    }
    if (!best || tie) return null;
    return { regionId: best.region.id, score: best.score, by: 'region', regionName: best.region.name };
  }
}
