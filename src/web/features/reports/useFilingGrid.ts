// Which grid a filer reports for: their own grid; for a micro-grid account, its grid; for a
// leader bound above the grids, the one they pick (kept in the URL so a link can name it).
import { useQuery } from '@tanstack/react-query';
import type { Me } from '../../../shared/accounts.ts';
import { getRegion, regionKeys } from '../regions/regions.api.ts';

export interface FilingGrid {
  /** The grid, or null while unknown (loading, or still to pick). */
  gridId: number | null;
  /** The account sits above the grids and must choose one. */
  mustPick: boolean;
  loading: boolean;
}

export function useFilingGrid(me: Me, picked: number | null): FilingGrid {
  const level = me.region.level;
  const own = useQuery({
    queryKey: regionKeys.detail(me.region.id),
    queryFn: () => getRegion(me.region.id),
    enabled: level === 'microgrid',
  });
  if (level === 'grid') return { gridId: me.region.id, mustPick: false, loading: false };
  if (level === 'microgrid') {
    const grid = own.data?.path.findLast((p) => p.level === 'grid');
    return { gridId: grid?.id ?? null, mustPick: false, loading: own.isPending };
  }
  return { gridId: picked, mustPick: true, loading: false };
}
