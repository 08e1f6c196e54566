// The read cache of the worker's own grid: households and their people as the list API returns
// them (ID and phone numbers masked), pulled whole while online so the worker can browse and
// search with no signal. A pull never overwrites (or drops) a row with changes still queued.
import type { Household, Person } from '../../shared/households.ts';
import type { CachedHousehold, CachedPerson, FieldDb, OutboxEntry, Table, Tables } from './db.ts';
import { unsyncedEntityIds } from './outbox.ts';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The list API, one page at a time (the app passes the API client; tests a fake). */
export interface GridSource {
  households: (cursor: string | null) => Promise<Page<Household>>;
  persons: (cursor: string | null) => Promise<Page<Person>>;
}

export interface PullInfo {
  at: string;
  households: number;
  persons: number;
}
const PULL_KEY = 'last-pull';
// A grid has tens to a few hundred households; this only stops a runaway cursor.
const MAX_PAGES = 200;

/** Every page of a list, up to `maxPages` (a runaway cursor stops there). */
export async function allPages<T>(page: (cursor: string | null) => Promise<Page<T>>, maxPages = MAX_PAGES): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const answer: Page<T> = await page(cursor);
    items.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return items;
}

/** Replaces the cache with the server's rows, except rows whose changes are still queued. */
export async function pullGrid(db: FieldDb, source: GridSource, now: Date = new Date()): Promise<PullInfo> {
  // Network first, then one short transaction: a pull that fails midway leaves the cache as it was.
  const [households, persons] = await Promise.all([allPages(source.households), allPages(source.persons)]);
  const info: PullInfo = { at: now.toISOString(), households: households.length, persons: persons.length };
  await db.transaction('rw', ['households', 'persons', 'meta', 'outbox'], async (tx) => {
    const keep = await unsyncedEntityIds(tx);
    await replaceAll(tx.households, households, keep);
    await replaceAll(tx.persons, persons, keep);
    await tx.meta.put({ key: PULL_KEY, value: info });
  });
  return info;
}

async function replaceAll<R extends { id: string }>(table: Table<'households'> | Table<'persons'>, rows: R[], keep: Set<string>): Promise<void> {
  const incoming = new Set(rows.map((r) => r.id));
  const existing = await table.primaryKeys();
  const gone = existing.filter((id) => !incoming.has(id) && !keep.has(id));
  await table.bulkDelete(gone);
  await (table as Table<'households'>).bulkPut(rows.filter((r) => !keep.has(r.id)) as unknown as CachedHousehold[]);
}

export async function lastPull(db: Pick<Tables, 'meta'>): Promise<PullInfo | null> {
  const row = await db.meta.get(PULL_KEY);
  return (row?.value as PullInfo | undefined) ?? null;
}

/**
 * After the server accepted a change: its answer (masked, with the server's version) replaces
 * the phone's provisional row, unless more changes to that row are still queued.
 */
export async function applySynced(db: FieldDb, entry: OutboxEntry, answer: unknown): Promise<void> {
  if (entry.method !== 'POST' && entry.method !== 'PATCH') return;
  if (entry.kind !== 'household' && entry.kind !== 'person') return;
  // The server's own answer to our write: a record with its id and version (a proxy's page is not).
  const row = answer as (Household | Person) | null;
  if (typeof row !== 'object' || row === null || typeof row.id !== 'string' || typeof row.version !== 'number') return;
  await db.transaction('rw', ['households', 'persons', 'outbox'], async (tx) => {
    const others = await tx.outbox.where('entityId').equals(row.id).filter((e) => e.id !== entry.id && e.status !== 'synced').count();
    if (others > 0) return;
    if (entry.kind === 'household') await tx.households.put(row as CachedHousehold);
    else await tx.persons.put(row as CachedPerson);
  });
}

export const householdsOf = (db: FieldDb): Promise<CachedHousehold[]> => db.households.toArray();
export const peopleOf = (db: FieldDb, householdId: string): Promise<CachedPerson[]> => db.persons.where('householdId').equals(householdId).toArray();
