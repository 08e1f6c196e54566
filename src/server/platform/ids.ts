import { v7 as uuidv7 } from 'uuid';

/** Time-ordered ids: random UUIDs made SQLite bulk inserts 3.3× slower (ARCHITECTURE.md). */
export const newId = (): string => uuidv7();
export const nowIso = (): string => new Date().toISOString();

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
