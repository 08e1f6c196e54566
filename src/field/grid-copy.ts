// The phone's copy of its grid as the home page (我的网格) shows it: households, people, the
// rows with changes still queued and the time of the last pull, in one read-only transaction.
// On a reopen of the home page that read begins as the script starts (main.tsx imports
// early-read.ts first), so IndexedDB opens and reads while the rest of the script is evaluated
// and the frame renders; the page then shows the copy without a read of its own.
import { lastPull, type PullInfo } from '../client/offline/cache.ts';
import type { CachedHousehold, CachedPerson, FieldDb } from '../client/offline/db.ts';
import { fieldDbFor } from '../client/offline/db.ts';
import { type EarlyRead, readEarly } from '../client/offline/live.ts';
import { lastKnownMe } from '../client/offline/me-cache.ts';
import { unsyncedEntityIds } from '../client/offline/outbox.ts';
import { COPY_ROLES } from '../client/offline/runners.ts';

export interface GridCopy {
  households: CachedHousehold[];
  persons: CachedPerson[];
  /** Rows with changes still in the outbox (未同步). */
  unsynced: Set<string>;
  pulled: PullInfo | null;
}

export function readGridCopy(db: FieldDb): Promise<GridCopy> {
  return db.transaction('r', ['households', 'persons', 'outbox', 'meta'], async (tx) => {
    const [households, persons, unsynced, pulled] = await Promise.all([tx.households.toArray(), tx.persons.toArray(), unsyncedEntityIds(tx), lastPull(tx)]);
    return { households, persons, unsynced, pulled };
  });
}

/** The home page's address (the router's form: no trailing slash). */
const HOME = '/field';

let early: { db: FieldDb; read: EarlyRead<GridCopy> } | null = null;

/**
 * Begins reading the copy of the account last signed in on this phone when the page opened is
 * the home page of an account that keeps a copy. The account is the remembered one, as the
 * session starts with (session.ts); if the server then names another, its page reads its own.
 */
export function beginGridRead(): void {
  if ((location.pathname.replace(/\/+$/, '') || '/') !== HOME) return;
  const known = lastKnownMe();
  if (!known || !COPY_ROLES.includes(known.user.role)) return;
  const db = fieldDbFor(known.user.id);
  early = { db, read: readEarly(() => readGridCopy(db)) };
  early.read.promise.then(
    () => performance.mark('field:copy-read'),
    () => undefined,
  );
}

/** The read begun at the start for `db`, if any. */
export const earlyGridRead = (db: FieldDb): EarlyRead<GridCopy> | null => (early?.db === db ? early.read : null);

/**
 * Settles when the read begun at the start has answered, or after `ms` at most (at once when no
 * read began). main.tsx renders after it: the first render then draws the grid's rows with the
 * frame, in one render, style, layout and paint — not the frame alone first and everything again
 * a moment later, which on a slow phone's one core is a second whole pass before the rows show.
 */
export function gridReadSettled(ms: number): Promise<void> {
  if (!early) return Promise.resolve();
  const read = early.read.promise.then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([read, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}
