// Wiring of the offline module into the app: one database and one sync runner per signed-in
// account, the list API as the read cache's source, and /auth/me's answer handed back to the
// auth state (after a reload with no signal, the CSRF token comes from there).
import { liveQuery } from 'dexie';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Me } from '../../../shared/accounts.ts';
import { Household, Person } from '../../../shared/households.ts';
import { pageOf } from '../../../shared/paging.ts';
import { Region } from '../../../shared/regions.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { request, setCsrfToken } from '../../lib/api.ts';
import { queryClient } from '../../lib/queryClient.ts';
import { applySynced, type GridSource, pullGrid } from '../../offline/cache.ts';
import { type FieldDb, fieldDbFor } from '../../offline/db.ts';
import { rememberMe } from '../../offline/me-cache.ts';
import { OutboxRunner, type RunnerState } from '../../offline/runner.ts';

const runners = new Map<string, OutboxRunner>();
const REGIONS_KEY = 'child-regions';

/** The worker's own region and the micro-grids under it (as last pulled). */
export function useHouseholdRegions(): { id: number; name: string }[] {
  const me = useMe();
  const db = useFieldDb();
  const children = useLive(() => db.meta.get(REGIONS_KEY).then((row) => (row?.value as { id: number; name: string }[] | undefined) ?? []), [db]);
  return [{ id: me.region.id, name: me.region.name }, ...(children ?? [])];
}

function gridSource(regionId: number): GridSource {
  const query = (cursor: string | null) => ({ query: { regionId, limit: 500, cursor }, quiet401: true });
  return {
    households: (cursor) => request('/households', pageOf(Household), query(cursor)),
    persons: (cursor) => request('/persons', pageOf(Person), query(cursor)),
  };
}

export function runnerFor(me: Me): OutboxRunner {
  let runner = runners.get(me.user.id);
  if (!runner) {
    const db = fieldDbFor(me.user.id);
    runner = new OutboxRunner(db, {
      fetch: (input, init) => fetch(input, init),
      onSession: (answer) => {
        const fresh = Me.safeParse(answer);
        if (!fresh.success) return;
        setCsrfToken(fresh.data.csrfToken);
        rememberMe(fresh.data);
        queryClient.setQueryData(['auth', 'me'], fresh.data);
      },
      onSynced: async (entry, answer) => {
        await applySynced(db, entry, answer);
        void queryClient.invalidateQueries({ queryKey: ['households'] });
      },
      // Only the field roles keep a copy of their grid: a county or town account's subtree is far
      // too big for a phone, and their pages read online.
      pull: !can(me.user.role, 'field') ? undefined : async () => {
        await pullGrid(db, gridSource(me.region.id));
        // Micro-grids under the worker's grid: where a new household may be registered.
        const children = await request('/regions', pageOf(Region), { query: { parentId: me.region.id, limit: 500 }, quiet401: true });
        await db.meta.put({ key: REGIONS_KEY, value: children.items.filter((r) => r.active).map((r) => ({ id: r.id, name: r.name })) });
      },
      intervalMs: 30_000,
    });
    runners.set(me.user.id, runner);
  }
  return runner;
}

export function useRunner(): OutboxRunner {
  return runnerFor(useMe());
}

export function useFieldDb(): FieldDb {
  return useRunner().db;
}

export function useRunnerState(): RunnerState {
  const runner = useRunner();
  return useSyncExternalStore(runner.subscribe, runner.getState);
}

/** A Dexie query kept live (this tab's and other tabs' writes); undefined until the first answer. */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({ next: setValue, error: () => undefined });
    return () => subscription.unsubscribe();
    // The caller lists what the query depends on, as with useEffect.
  }, deps);
  return value;
}
