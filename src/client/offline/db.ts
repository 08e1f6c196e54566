// The phone's own database (IndexedDB, through the 1 KB `idb` wrapper), one per signed-in account
// so two people sharing a phone never send each other's changes: the outbox of queued writes, a
// read cache of the worker's grid (households and their people, masked as the list API returns
// them) and a small key-value table (last pull, the sync lease).
//
// Dexie did this until the phone app had to fit a 3G budget (Dexie is ~33 KB gzipped, a fifth of
// it). The stores, indexes and version are the ones Dexie made (`version(1)` is native version
// 10), so a phone keeps the changes it queued before. Tables offer the few Dexie-like calls the
// code uses. A transaction hands its callback `tx` with the same tables bound to it; code given
// `tx` must await nothing but `tx`'s own calls, or IndexedDB commits the transaction under it.
import { deleteDB, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';
import type { Household, Person } from '../../shared/households.ts';

export const OUTBOX_STATUSES = ['pending', 'sending', 'synced', 'refused'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What the server said when it refused a change (4xx other than 401/408/429). */
export interface RefusedReason {
  status: number;
  code: string;
  message: string;
  details: { path: string; message: string }[];
}

export interface OutboxEntry {
  /** Auto-increment: the order changes were made in, and are sent in. */
  seq?: number;
  id: string;
  createdAt: string;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Under /api/v1, e.g. `/households`. */
  path: string;
  /** Dropped once synced: the server has it, the phone need not keep personal data. */
  body: unknown;
  idempotencyKey: string;
  /** household | person | visit | … (a form's signature later): decides the label and the editor. */
  kind: string;
  /** A short non-personal label for lists (an address, never a name or a number). */
  summary: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  refusedReason: RefusedReason | null;
  syncedAt: string | null;
  /** Not before this time (backoff after a retryable failure); ISO. */
  nextAttemptAt: string | null;
  /** The record this change creates (client-made id), if any. */
  recordId?: string;
  /** The cached row this change creates or alters: a pull leaves that row alone while it is unsynced. */
  entityId?: string;
  /** Records this change needs on the server (made by earlier entries); held while one of those is refused. */
  dependsOn?: string[];
}

/** A household row of the read cache; `local` marks one made on this phone and not yet synced. */
export type CachedHousehold = Household & { local?: 1 };
export type CachedPerson = Person & { local?: 1 };

export interface MetaRow {
  key: string;
  value: unknown;
}

interface Rows {
  outbox: OutboxEntry;
  households: CachedHousehold;
  persons: CachedPerson;
  meta: MetaRow;
}
export type StoreName = keyof Rows;
type KeyOf<N extends StoreName> = N extends 'outbox' ? number : string;
type AnyTx = IDBPTransaction<unknown, StoreName[], IDBTransactionMode>;
/** The calls made on a store (idb's own types are per-schema generics this code need not carry). */
interface Store {
  get(key: IDBValidKey): Promise<unknown>;
  put(row: unknown): Promise<IDBValidKey>;
  add(row: unknown): Promise<IDBValidKey>;
  delete(key: IDBValidKey): Promise<void>;
  getAll(): Promise<unknown[]>;
  getAllKeys(): Promise<IDBValidKey[]>;
  count(): Promise<number>;
  index(name: string): { getAll(key: IDBValidKey, count?: number): Promise<unknown[]>; getAllKeys(key: IDBValidKey): Promise<IDBValidKey[]> };
}
const storeOf = (tx: AnyTx, name: StoreName): Store => tx.objectStore(name) as unknown as Store;

/** Dexie's `version(1)` as IndexedDB holds it (Dexie multiplies its version by 10). */
const VERSION = 10;
const STORES: Record<StoreName, { keyPath: string; autoIncrement?: boolean; indexes: [string, boolean][] }> = {
  outbox: { keyPath: 'seq', autoIncrement: true, indexes: [['id', true], ['status', false], ['entityId', false], ['recordId', false]] },
  households: { keyPath: 'id', indexes: [['address', false]] },
  persons: { keyPath: 'id', indexes: [['householdId', false]] },
  meta: { keyPath: 'key', indexes: [] },
};

/** One collator for every sort: localeCompare with a locale builds a new one per comparison. */
export const zhOrder = new Intl.Collator('zh-CN', { numeric: true });

const keepAll = () => true;

/** Rows of one index value (Dexie's where(index).equals(value)). */
class Query<N extends StoreName> {
  constructor(
    private readonly table: Table<N>,
    private readonly index: string,
    private readonly keys: IDBValidKey[],
    private readonly keep: (row: Rows[N]) => boolean = keepAll,
  ) {}

  async toArray(): Promise<Rows[N][]> {
    return this.table.run('readonly', async (store) => {
      const lists = await Promise.all(this.keys.map((k) => store.index(this.index).getAll(k)));
      return (lists.flat() as Rows[N][]).filter(this.keep);
    });
  }
  /** In primary-key order for the outbox (the order changes were made in), else by `field`. */
  async sortBy(field: keyof Rows[N]): Promise<Rows[N][]> {
    const rows = await this.toArray();
    return rows.sort((a, b) => zhOrder.compare(String(a[field]), String(b[field])));
  }
  async count(): Promise<number> {
    return (await this.toArray()).length;
  }
  /** The first `count` rows of one index value, in primary-key order (IndexedDB keeps equal index keys so). */
  async limit(count: number): Promise<Rows[N][]> {
    const [key, ...more] = this.keys;
    // A filter would have to see every row anyway: limit() is for the plain index read only.
    if (key === undefined || more.length || this.keep !== keepAll) throw new Error('limit() takes one index value and no filter');
    return this.table.run('readonly', async (store) => (await store.index(this.index).getAll(key, count)) as Rows[N][]);
  }
  async primaryKeys(): Promise<IDBValidKey[]> {
    return this.table.run('readonly', async (store) => (await Promise.all(this.keys.map((k) => store.index(this.index).getAllKeys(k)))).flat());
  }
  async first(): Promise<Rows[N] | undefined> {
    return (await this.toArray())[0];
  }
  filter(fn: (row: Rows[N]) => boolean): Query<N> {
    return new Query(this.table, this.index, this.keys, (row) => this.keep(row) && fn(row));
  }
  /** Changes every matching row; one transaction. */
  async modify(changes: Partial<Rows[N]>): Promise<void> {
    await this.table.run('readwrite', async (store) => {
      const lists = await Promise.all(this.keys.map((key) => store.index(this.index).getAll(key)));
      await Promise.all((lists.flat() as Rows[N][]).filter(this.keep).map((row) => store.put({ ...row, ...changes })));
    });
  }
}

/** One store: on its own (each call its own transaction) or bound to a transaction. */
export class Table<N extends StoreName> {
  constructor(
    private readonly db: FieldDb,
    private readonly name: N,
    private readonly tx: AnyTx | null = null,
  ) {}

  /** `work` against the store, in the bound transaction or a new one. */
  async run<T>(mode: IDBTransactionMode, work: (store: Store) => Promise<T>): Promise<T> {
    if (this.tx) return work(storeOf(this.tx, this.name));
    const tx = (await this.db.open()).transaction(this.name, mode) as unknown as AnyTx;
    const result = await work(storeOf(tx, this.name));
    await tx.done;
    if (mode === 'readwrite') this.db.changed();
    return result;
  }

  get = (key: KeyOf<N>): Promise<Rows[N] | undefined> => this.run('readonly', (s) => s.get(key) as Promise<Rows[N] | undefined>);
  put = (row: Rows[N]): Promise<KeyOf<N>> => this.run('readwrite', (s) => s.put(row) as Promise<KeyOf<N>>);
  add = (row: Rows[N]): Promise<KeyOf<N>> => this.run('readwrite', (s) => s.add(row) as Promise<KeyOf<N>>);
  delete = (key: KeyOf<N>): Promise<void> => this.run('readwrite', (s) => s.delete(key));
  toArray = (): Promise<Rows[N][]> => this.run('readonly', (s) => s.getAll() as Promise<Rows[N][]>);
  count = (): Promise<number> => this.run('readonly', (s) => s.count());
  primaryKeys = (): Promise<KeyOf<N>[]> => this.run('readonly', (s) => s.getAllKeys() as Promise<KeyOf<N>[]>);
  /** Merges `changes` into the row; false when there is no such row. */
  update = (key: KeyOf<N>, changes: Partial<Rows[N]>): Promise<boolean> =>
    this.run('readwrite', async (s) => {
      const row = (await s.get(key)) as Rows[N] | undefined;
      if (row) await s.put({ ...row, ...changes });
      return Boolean(row);
    });
  // Every request is placed at once (IndexedDB runs them in order): awaiting each would cost a
  // turn of the event loop per row, a second for a grid on a slow phone.
  bulkPut = (rows: Rows[N][]): Promise<void> =>
    this.run('readwrite', async (s) => {
      await Promise.all(rows.map((row) => s.put(row)));
    });
  bulkDelete = (keys: KeyOf<N>[]): Promise<void> =>
    this.run('readwrite', async (s) => {
      await Promise.all(keys.map((key) => s.delete(key)));
    });
  where = (index: string) => ({
    equals: (value: IDBValidKey) => new Query(this, index, [value]),
    anyOf: (values: IDBValidKey[]) => new Query(this, index, values),
  });
}

/** The tables: of the database (each call its own transaction) or of one transaction. */
export interface Tables {
  readonly outbox: Table<'outbox'>;
  readonly households: Table<'households'>;
  readonly persons: Table<'persons'>;
  readonly meta: Table<'meta'>;
  /** Runs `work` in one transaction over `stores` (inside a transaction: in that one). */
  transaction<T>(mode: 'rw' | 'r', stores: StoreName[], work: (tx: Tables) => Promise<T>): Promise<T>;
}

function tablesOf(db: FieldDb, tx: AnyTx | null): Omit<Tables, 'transaction'> {
  return { outbox: new Table(db, 'outbox', tx), households: new Table(db, 'households', tx), persons: new Table(db, 'persons', tx), meta: new Table(db, 'meta', tx) };
}

const listeners = new Set<() => void>();
/** Any write to any phone database, in this tab or another (the pages' live queries listen). */
export function onAnyChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
let changes = 0;
/** How many writes (here or in another tab) this page has heard of: a read begun before it moved may be stale. */
export const changesSoFar = (): number => changes;
function notify(): void {
  changes++;
  for (const l of listeners) l();
}
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('gridguard-field-db') : null;
if (channel) channel.onmessage = notify;

export class FieldDb implements Tables {
  readonly outbox: Table<'outbox'>;
  readonly households: Table<'households'>;
  readonly persons: Table<'persons'>;
  readonly meta: Table<'meta'>;
  private opened: Promise<IDBPDatabase> | null = null;

  constructor(readonly name: string) {
    ({ outbox: this.outbox, households: this.households, persons: this.persons, meta: this.meta } = tablesOf(this, null));
  }

  open(): Promise<IDBPDatabase> {
    this.opened ??= openDB(this.name, VERSION, {
      upgrade(db) {
        for (const [name, spec] of Object.entries(STORES)) {
          if (db.objectStoreNames.contains(name)) continue;
          const store = db.createObjectStore(name, { keyPath: spec.keyPath, autoIncrement: spec.autoIncrement ?? false });
          for (const [index, unique] of spec.indexes) store.createIndex(index, index, { unique });
        }
      },
      // Another tab opened a newer version: let it, this tab reopens on its next call.
      blocking: () => this.close(),
    });
    return this.opened;
  }

  async transaction<T>(mode: 'rw' | 'r', stores: StoreName[], work: (tx: Tables) => Promise<T>): Promise<T> {
    const tx = (await this.open()).transaction(stores, mode === 'rw' ? 'readwrite' : 'readonly') as unknown as AnyTx;
    const tables: Tables = { ...tablesOf(this, tx), transaction: (_m, _s, inner) => inner(tables) };
    let result: T;
    try {
      result = await work(tables);
    } catch (err) {
      // Nothing of a failed change stays: the transaction is undone.
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
      await tx.done.catch(() => undefined);
      throw err;
    }
    await tx.done;
    if (mode === 'rw') this.changed();
    return result;
  }

  /** Tells the live queries of this tab and of the others. */
  changed(): void {
    notify();
    channel?.postMessage(this.name);
  }

  close(): void {
    const opened = this.opened;
    this.opened = null;
    void opened?.then((db) => db.close());
  }

  async delete(): Promise<void> {
    this.close();
    await deleteDB(this.name);
  }
}

export const fieldDbName = (userId: string): string => `gridguard-field-${userId}`;

const open = new Map<string, FieldDb>();
/** One instance per account per page. */
export function fieldDbFor(userId: string): FieldDb {
  const name = fieldDbName(userId);
  let db = open.get(name);
  if (!db) {
    db = new FieldDb(name);
    open.set(name, db);
  }
  return db;
}
