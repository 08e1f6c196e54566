// A PostgreSQL pool whose server goes away (a restart, a crashed replica, an administrator's
// terminate) must not take the process with it: node-postgres reports the ended connection as an
// 'error' event, and an 'error' without a listener is uncaught — the process dies.
import type pg from 'pg';

export function surviveEndedConnections(pool: pg.Pool): void {
  // An idle client whose connection ended: the pool drops it and opens a new one on the next query.
  pool.on('error', () => undefined);
  // A client checked out of the pool has no listener of the pool's: if its connection ends while
  // a transaction or a read holds it (the pg-restart drill; the replica drill killing the
  // replica under reads), its 'error' would be uncaught. The query on it fails on its own, and
  // the pool drops it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
}
