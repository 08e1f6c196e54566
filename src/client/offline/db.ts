// The phone's own database (IndexedDB through Dexie), one per signed-in account so two people
// sharing a phone never send each other's changes: the outbox of queued writes, a read cache of
// the worker's grid (households and their people, masked as the list API returns them) and a
// small key-value table (last pull, the sync lease).
import Dexie, { type Table } from 'dexie';
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

export class FieldDb extends Dexie {
  outbox!: Table<OutboxEntry, number>;
  households!: Table<CachedHousehold, string>;
  persons!: Table<CachedPerson, string>;
  meta!: Table<MetaRow, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({
      outbox: '++seq, &id, status, entityId, recordId',
      households: 'id, address',
      persons: 'id, householdId',
      meta: 'key',
    });
  }
}

export const fieldDbName = (userId: string): string => `gridguard-field-${userId}`;

const open = new Map<string, FieldDb>();
/** One Dexie instance per account per page. */
export function fieldDbFor(userId: string): FieldDb {
  const name = fieldDbName(userId);
  let db = open.get(name);
  if (!db) {
    db = new FieldDb(name);
    open.set(name, db);
  }
  return db;
}
