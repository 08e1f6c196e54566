// The top of 我的网格 as it was last drawn, kept beside the remembered account in localStorage, so
// that a reopen draws it with the first render. The phone's full copy lives in IndexedDB, but
// opening it is the slowest step of a reopen and the one that varies most: a browser that has
// closed the database's files reopens them first (measured 0.1–1.7 s on the bench's throttled
// phone, run to run), while localStorage is read with the remembered account anyway.
// The page shows these rows until the copy in IndexedDB answers, then the copy.
// It holds what the list's first screen shows — addresses, member counts, tags — never ID
// numbers, phones or health data, and is forgotten with the account (me-cache.ts, forgetMe).
import { FIRST_ROWS_KEY } from '../client/offline/me-cache.ts';

/** One household row as the home page's list draws it. */
export interface ShownRow {
  id: string;
  address: string;
  /** 幢/单元/室 in the language it was drawn in. */
  unitLine: string;
  members: number;
  isRental: boolean;
  lastVisitedOn: string | null;
  /** Changes still in the outbox (未同步). */
  unsynced: boolean;
}

export interface FirstRows {
  userId: string;
  lang: string;
  rows: ShownRow[];
  /** The last pull, as the page shows it (its time and household count). */
  pulled: { at: string; households: number } | null;
}

const isRow = (r: unknown): r is ShownRow => {
  const row = r as Partial<ShownRow> | null;
  return (
    typeof row === 'object' && row !== null &&
    typeof row.id === 'string' && typeof row.address === 'string' && typeof row.unitLine === 'string' &&
    Number.isInteger(row.members) && typeof row.isRental === 'boolean' && typeof row.unsynced === 'boolean' &&
    (row.lastVisitedOn === null || typeof row.lastVisitedOn === 'string')
  );
};

/** The rows last drawn for this account in this language; null when none were kept (or not in this shape). */
export function firstRowsOf(userId: string, lang: string): FirstRows | null {
  try {
    const raw = localStorage.getItem(FIRST_ROWS_KEY);
    if (!raw) return null;
    const kept = JSON.parse(raw) as Partial<FirstRows>;
    if (kept.userId !== userId || kept.lang !== lang || !Array.isArray(kept.rows) || !kept.rows.every(isRow)) return null;
    const pulled = kept.pulled && typeof kept.pulled.at === 'string' && Number.isInteger(kept.pulled.households) ? { at: kept.pulled.at, households: kept.pulled.households } : null;
    return { userId, lang, rows: kept.rows, pulled };
  } catch {
    return null;
  }
}

/** Keeps the rows just drawn from the copy; writes only when they changed (each write is a sync call). */
export function keepFirstRows(rows: FirstRows): void {
  try {
    const value = JSON.stringify(rows);
    if (localStorage.getItem(FIRST_ROWS_KEY) !== value) localStorage.setItem(FIRST_ROWS_KEY, value);
  } catch {
    // Private mode or a full quota: the reopen reads IndexedDB instead.
  }
}
