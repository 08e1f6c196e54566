// One phone database and one sync runner per signed-in account, for both browser apps: the phone
// app (its outbox and its grid's read cache) and the staff app (forms and daily reports queued on
// a desk). The grid is pulled through the list API without zod (too heavy for a phone).
import type { Me } from '../../shared/accounts.ts';
import type { Household, Person } from '../../shared/households.ts';
import { type Query, send } from '../http.ts';
import { applySynced, type GridSource, type Page, pullGrid } from './cache.ts';
import { type FieldDb, fieldDbFor } from './db.ts';
import { looksLikeMe, rememberMe } from './me-cache.ts';
import { OutboxRunner } from './runner.ts';
import { applySyncedTask, pullDestinations, pullTasks } from './verification-tasks.ts';
import type { TaskDestination, VerificationTask } from '../../shared/verification.ts';

/** The roles that keep a copy of their grid: a county or town subtree is far too big for a phone. */
export const GRID_ROLES: readonly Me['user']['role'][] = ['grid_worker', 'grid_leader'];
/** A micro-grid volunteer keeps a copy of its micro-grid's households and people (masked, as the lists give them). */
export const COPY_ROLES: readonly Me['user']['role'][] = [...GRID_ROLES, 'volunteer'];
const REGIONS_KEY = 'child-regions';

export interface RunnerHooks {
  /** /auth/me answered during a sync run (after a reload the CSRF token comes from there). */
  onSession?: (me: Me) => void;
  /** The server accepted a queued change (after the read cache took its answer). */
  onSynced?: () => void;
}

const runners = new Map<string, OutboxRunner>();
let hooks: RunnerHooks = {};

/** The app says how it hears about sessions and synced changes (one app per page). */
export function setRunnerHooks(next: RunnerHooks): void {
  hooks = next;
}

/** A GET of the API; throws on any failure (the pull keeps the cache as it was; a 401 is the sync loop's to report). */
const getJson = <T>(path: string, query: Query): Promise<T> => send(path, { query, quiet401: true }) as Promise<T>;

/**
 * The account's own grid, page by page. No regionId: the server reads the caller's region, and the
 * first pages' addresses are exactly those field.html preloads while the app's scripts download.
 */
export function gridSource(account: string): GridSource {
  const page =
    <T>(path: GridList) =>
    (cursor: string | null): Promise<Page<T>> =>
      cursor === null ? (takeFirstPage(account, path) as Promise<Page<T>>) : getJson<Page<T>>(path, { limit: 500, cursor });
  return { households: page<Household>('/households'), persons: page<Person>('/persons') };
}

type GridList = '/households' | '/persons';
/**
 * The grid's first pages, asked for once per page load and shared: on a phone that has no copy
 * yet, the first screen shows them as soon as they arrive (gridPreview) and the first pull writes
 * the same answers into the phone's database, instead of the screen waiting for that write (about
 * half a second on a cheap phone) and the browser's preloaded answer being fetched twice.
 */
// Keyed by account: another account signed in on the same page load reads its own grid.
const firstPages = new Map<string, Promise<Page<unknown>>>();
const takenByPull = new Set<string>();
function firstPage(account: string, path: GridList): Promise<Page<unknown>> {
  const key = `${account} ${path}`;
  let page = firstPages.get(key);
  if (!page) {
    page = getJson<Page<unknown>>(path, { limit: 500, cursor: null });
    // A failed read is not kept: a later preview asks again.
    page.catch(() => firstPages.delete(key));
    firstPages.set(key, page);
  }
  return page;
}
/** The first pull takes the shared answer; later pulls read the server afresh. */
function takeFirstPage(account: string, path: GridList): Promise<Page<unknown>> {
  const key = `${account} ${path}`;
  if (takenByPull.has(key)) return getJson<Page<unknown>>(path, { limit: 500, cursor: null });
  takenByPull.add(key);
  return firstPage(account, path);
}

/** The grid's first pages straight from the network (shared with the first pull), for a phone with no copy yet. */
export async function gridPreview(account: string): Promise<{ households: Household[]; persons: Person[] }> {
  const [households, persons] = await Promise.all([firstPage(account, '/households'), firstPage(account, '/persons')]);
  return { households: households.items as Household[], persons: persons.items as Person[] };
}

/** Pulls the worker's grid and the micro-grids under it (where a new household may be registered). */
async function pullAll(db: FieldDb, account: string, regionId: number): Promise<void> {
  const [children] = await Promise.all([
    getJson<Page<{ id: number; name: string; active: boolean }>>('/regions', { parentId: regionId, limit: 500 }),
    // A mark for bench/phone.ts: when the grid was in the phone's database.
    pullGrid(db, gridSource(account)).then(() => globalThis.performance?.mark?.('gg:grid-pulled')),
    // 核查任务 of the grid, readable at the door with no signal.
    pullTasks(db, (cursor) => getJson<Page<VerificationTask>>('/verification-tasks', { limit: 200, cursor })),
    // The county's grids for `left`: the last copy stays when this one fails.
    pullDestinations(db, () => getJson<{ items: TaskDestination[] }>('/verification-tasks/destinations', {})).catch(() => undefined),
  ]);
  await db.meta.put({ key: REGIONS_KEY, value: children.items.filter((r) => r.active).map((r) => ({ id: r.id, name: r.name })) });
}

/** The micro-grids under the worker's grid, as last pulled. */
export async function childRegions(db: FieldDb): Promise<{ id: number; name: string }[]> {
  const row = await db.meta.get(REGIONS_KEY);
  return (row?.value as { id: number; name: string }[] | undefined) ?? [];
}

export function runnerFor(me: Me): OutboxRunner {
  let runner = runners.get(me.user.id);
  if (!runner) {
    const db = fieldDbFor(me.user.id);
    runner = new OutboxRunner(db, {
      fetch: (input, init) => fetch(input, init),
      onSession: (answer) => {
        if (!looksLikeMe(answer)) return;
        rememberMe(answer);
        hooks.onSession?.(answer);
      },
      onSynced: async (entry, answer) => {
        await applySynced(db, entry, answer);
        await applySyncedTask(db, entry, answer);
        hooks.onSynced?.();
      },
      pull: GRID_ROLES.includes(me.user.role)
        ? () => pullAll(db, me.user.id, me.region.id)
        : COPY_ROLES.includes(me.user.role)
          ? // Only the households and people: a volunteer has no tasks and registers nothing.
            () => pullGrid(db, gridSource(me.user.id)).then(() => undefined)
          : undefined,
      intervalMs: 30_000,
    });
    runners.set(me.user.id, runner);
  }
  return runner;
}
