// One readonly SQLite connection per worker thread (sqlite-read-pool.ts runs a few of them with
// piscina). Plain JavaScript: a worker thread starts without the TypeScript loader the server
// runs under. WAL lets these readers run beside the one writer in the main thread; each query
// is its own read transaction, so it sees every write committed before it was sent.
import fs from 'node:fs';
import os from 'node:os';
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

// A thread of lower priority (the bulk lane of exports): on Linux a thread is a task of its own
// that setpriority can reach by its id, found through /proc/thread-self ("<pid>/task/<tid>").
// Elsewhere, or where /proc is missing, the thread keeps the server's priority.
if (Number(workerData.nice) > 0) {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, Math.min(19, Number(workerData.nice)));
  } catch {
    // Not Linux, or not allowed: the same priority as the other readers.
  }
}

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma(`cache_size = ${Number(workerData.cacheKib) > 0 ? -Number(workerData.cacheKib) : -16384}`);

// The same SQL text reuses its prepared statement, as the writer's connection does (connect.ts).
const statements = new Map();
const MAX_STATEMENTS = 300;
function prepare(sql) {
  let stmt = statements.get(sql);
  if (stmt) {
    statements.delete(sql);
  } else {
    stmt = db.prepare(sql);
    if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value);
  }
  statements.set(sql, stmt);
  return stmt;
}

// Buffers arrive as plain Uint8Arrays after the copy between threads; better-sqlite3 binds Buffers.
const bindable = (value) => (value instanceof Uint8Array && !Buffer.isBuffer(value) ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : value);

/** One statement's rows, with the columns holding Buffers (the main thread turns them back into Buffers). */
function rowsOf(sql, parameters) {
  const stmt = prepare(sql);
  if (!stmt.reader) throw Object.assign(new Error('the read pool runs queries that return rows only'), { code: 'READ_POOL_NOT_A_READ' });
  const rows = stmt.all(parameters.map(bindable));
  const first = rows[0];
  const blobColumns = first ? Object.keys(first).filter((k) => Buffer.isBuffer(first[k])) : [];
  return { rows, blobColumns };
}

/** The first column of a count statement's first row, as a number. */
function countOf({ sql, parameters }) {
  const [row] = rowsOf(sql, parameters).rows;
  return row ? Number(Object.values(row)[0]) : 0;
}

/**
 * A batch (one job, one round trip to this thread): of `alternatives`, each a list of reads, the
 * one whose count is smallest (the first of equals; a zero ends the counting; no counts: the
 * first), its reads run in one read transaction so they see the same snapshot (a page and its
 * total agree). → { chosen, results: [{ rows, blobColumns }] }.
 */
function batch({ counts, alternatives }) {
  let chosen = 0;
  if (counts?.length) {
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < counts.length; i++) {
      const n = countOf(counts[i]);
      if (n < least) [chosen, least] = [i, n];
      if (n === 0) break;
    }
  }
  db.exec('begin');
  try {
    const results = [];
    for (const s of alternatives[chosen]) {
      // skipIf: left out where an earlier statement of these reads (a counter) answered above zero.
      const guard = s.skipIf === undefined ? undefined : results[s.skipIf]?.rows[0];
      results.push(guard && Number(Object.values(guard)[0]) > 0 ? { rows: [], blobColumns: [] } : rowsOf(s.sql, s.parameters));
    }
    return { chosen, results };
  } finally {
    db.exec('commit');
  }
}

/**
 * { sql, parameters } → { rows, blobColumns }, or a batch (above); or { error: { code, message } }:
 * an Error thrown across threads loses its `code`, which the error handler needs (SQLITE_BUSY,
 * SQLITE_READONLY…).
 */
export default function read(job) {
  try {
    return job.alternatives ? batch(job) : rowsOf(job.sql, job.parameters);
  } catch (err) {
    return { error: { code: typeof err?.code === 'string' ? err.code : 'SQLITE_ERROR', message: String(err?.message ?? err) } };
  }
}
