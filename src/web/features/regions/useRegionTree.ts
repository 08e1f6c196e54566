// The territory tree's state: children loaded lazily per region (cached by TanStack Query),
// which nodes are expanded, and refreshing a branch after a change.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Region } from '../../../shared/regions.ts';
import { listChildren, regionKeys } from './regions.api.ts';

export interface RegionTreeState {
  childrenOf: ReadonlyMap<number, Region[]>;
  expanded: number[];
  setExpanded: (ids: number[]) => void;
  load: (id: number) => Promise<void>;
  /** Re-reads branches (after a create, edit, move or deactivation); loads them if need be. */
  refresh: (...ids: (number | null | undefined)[]) => Promise<void>;
  /** Loads each region of the path and expands it, so the last one shows in the tree. */
  reveal: (pathIds: number[]) => Promise<void>;
}

export function useRegionTree(rootId: number, includeInactive: boolean): RegionTreeState {
  const queryClient = useQueryClient();
  const [childrenOf, setChildrenOf] = useState<ReadonlyMap<number, Region[]>>(new Map());
  const [expanded, setExpanded] = useState<number[]>([rootId]);
  const loaded = useRef(new Set<number>());

  const fetchInto = useCallback(
    async (id: number, fresh: boolean) => {
      const key = regionKeys.children(id, includeInactive);
      if (fresh) await queryClient.invalidateQueries({ queryKey: key, refetchType: 'none' });
      const items = await queryClient.fetchQuery({ queryKey: key, queryFn: () => listChildren(id, includeInactive), staleTime: 10_000 });
      loaded.current.add(id);
      setChildrenOf((prev) => new Map(prev).set(id, items));
    },
    [queryClient, includeInactive],
  );

  // A new filter (inactive shown or not) starts the tree again from the root.
  useEffect(() => {
    loaded.current = new Set();
    setChildrenOf(new Map());
    setExpanded([rootId]);
    void fetchInto(rootId, false);
  }, [rootId, fetchInto]);

  const load = useCallback((id: number) => fetchInto(id, false), [fetchInto]);

  const refresh = useCallback(
    async (...ids: (number | null | undefined)[]) => {
      const targets = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
      await Promise.all(targets.map((id) => fetchInto(id, true)));
    },
    [fetchInto],
  );

  const reveal = useCallback(
    async (pathIds: number[]) => {
      const start = pathIds.indexOf(rootId);
      if (start < 0) return;
      const ancestors = pathIds.slice(start, -1);
      for (const id of ancestors) {
        if (!loaded.current.has(id)) await fetchInto(id, false);
      }
      setExpanded((prev) => [...new Set([...prev, ...ancestors])]);
    },
    [rootId, fetchInto],
  );

  return { childrenOf, expanded, setExpanded, load, refresh, reveal };
}
