import { v7 as uuidv7 } from 'uuid';
import { RECORD_ID_PATTERN } from '../../shared/ids.ts';

/** Time-ordered ids: random UUIDs made SQLite bulk inserts 3.3× slower (ARCHITECTURE.md). */
export const newId = (): string => uuidv7();
export const nowIso = (): string => new Date().toISOString();

/** A record id as the API accepts it: lower case only (src/shared/ids.ts says why). */
export const UUID_RE = RECORD_ID_PATTERN;
