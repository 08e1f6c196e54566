import { v7 as uuidv7 } from 'uuid';
import { RECORD_ID_PATTERN } from '../../shared/ids.ts';

/** Time-ordered ids: random UUIDs made SQLite bulk inserts 3.3× slower (ARCHITECTURE.md). */
export const newId = (): string => uuidv7();
export const nowIso = (): string => new Date().toISOString();

/** A record id as the API accepts it: lower case only (src/shared/ids.ts says why). */
export const UUID_RE = RECORD_ID_PATTERN;

/**
 * The smallest UUIDv7 made at or after `at`: ids are time-ordered, so "since `at`" is a range on
 * an index that starts with the id (or with a key and the id), with no index on the time needed.
 */
export function firstIdAt(at: Date): string {
  const hex = at.getTime().toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}
