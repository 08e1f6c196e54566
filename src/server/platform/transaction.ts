// Every write runs here: one transaction holding the change, its audit entry and, when the
// client sent an Idempotency-Key, the stored answer. A repeated key from the same account
// gets the first answer back and creates nothing; the same key with another body is a 409.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { DB, Db } from '../db/schema.ts';
import { isUniqueViolation } from '../db/dialect.ts';
import { fastInsert } from '../db/fast-insert.ts';
import { AppError } from './errors.ts';
import { nowIso } from './ids.ts';

const KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;

// Work to do once a transaction has committed (e.g. dropping cached sessions after a revoke:
// done before the commit, another request could cache the old state again).
const commitHooks = new WeakMap<object, (() => void)[]>();

/** Runs `fn` after `tx` commits; outside write() (no hook list) it runs at once. */
export function afterCommit(tx: object, fn: () => void): void {
  const hooks = commitHooks.get(tx);
  if (hooks) hooks.push(fn);
  else fn();
}

// Work that must be kept although the transaction is refused (what an account was told before
// the refusal): run on the database itself once the transaction has rolled back.
type RollbackHook = (db: Kysely<DB>) => Promise<void>;
const rollbackHooks = new WeakMap<object, RollbackHook[]>();

/**
 * Runs `fn` after `tx` rolls back, before the refusal is answered. Outside any transaction it
 * runs at once; inside one not made by write() there is nowhere to keep it, so it is dropped.
 */
export async function afterRollback(tx: Db, fn: RollbackHook): Promise<void> {
  const hooks = rollbackHooks.get(tx);
  if (hooks) hooks.push(fn);
  else if (!tx.isTransaction) await fn(tx as Kysely<DB>);
}

async function inTransaction<T>(request: FastifyRequest, work: (tx: Transaction<DB>) => Promise<T>): Promise<T> {
  const hooks: (() => void)[] = [];
  const onRollback: RollbackHook[] = [];
  let result: T;
  try {
    result = await request.server.db.transaction().execute((tx) => {
      commitHooks.set(tx, hooks);
      rollbackHooks.set(tx, onRollback);
      return work(tx);
    });
  } catch (err) {
    for (const hook of onRollback) {
      // The refusal is still the answer: a failure here is logged, not sent in its place.
      await hook(request.server.db).catch((hookErr: unknown) => request.log.error({ err: hookErr }, 'work after a rollback failed'));
    }
    throw err;
  }
  request.server.storage.noteWriteCommitted();
  for (const hook of hooks) hook();
  return result;
}

class Replay {
  constructor(readonly key: string) {}
}

// Keyed (HMAC with the data keyring's index key), not a bare SHA-256: bodies carry passwords and
// ID numbers, and a plain hash of one stored beside the key could be guessed offline.
function requestHash(request: FastifyRequest, body: unknown): string {
  const path = request.url.split('?')[0] ?? '';
  return request.server.fieldCrypto.index(`${request.method} ${path}\n${JSON.stringify(body ?? null)}`);
}

export interface WriteOptions {
  /**
   * What stands for the body when a repeated Idempotency-Key is compared, for a request whose
   * body is not parsed JSON (an upload): the file's SHA-256 and the form's fields, say. Without
   * it the parsed body is compared.
   */
  idempotencyBody?: unknown;
}

function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !KEY_RE.test(raw)) {
    throw new AppError('VALIDATION_ERROR', 'Idempotency-Key: 8–100 letters, digits or . _ : -', [
      { path: 'Idempotency-Key', message: 'invalid header' },
    ]);
  }
  return raw;
}

/**
 * Runs `work` in a transaction and sends its result with `status`. Use it for every POST,
 * PATCH and DELETE handler: `return write(request, reply, 201, (tx) => createThing(tx, …))`.
 * An upload says what its body is: `write(…, { idempotencyBody: { sha256 } })`.
 */
export async function write<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  work: (tx: Transaction<DB>) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  const db = request.server.db;
  const key = idempotencyKeyOf(request);
  if (!key) {
    const result = await inTransaction(request, work);
    reply.code(status);
    return result;
  }
  const actor = request.actor?.userId ?? 'public';
  const hash = requestHash(request, 'idempotencyBody' in options ? options.idempotencyBody : request.body);
  try {
    const result = await inTransaction(request, async (tx) => {
      try {
        await fastInsert(tx, 'idempotency_keys', { actor, key, request_hash: hash, created_at: nowIso() });
      } catch (err) {
        if (isUniqueViolation(err)) throw new Replay(key);
        throw err;
      }
      const answer = await work(tx);
      await tx
        .updateTable('idempotency_keys')
        .set({ status_code: status, response_body: JSON.stringify(answer ?? null) })
        .where('actor', '=', actor)
        .where('key', '=', key)
        .execute();
      return answer;
    });
    reply.code(status);
    return result;
  } catch (err) {
    if (!(err instanceof Replay)) throw err;
    const first = await db
      .selectFrom('idempotency_keys')
      .select(['request_hash', 'status_code', 'response_body'])
      .where('actor', '=', actor)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!first || first.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request', [
        { path: 'Idempotency-Key', message: 'reused with another body' },
      ]);
    }
    reply.code(first.status_code ?? status).header('idempotency-replayed', 'true');
    return JSON.parse(first.response_body ?? 'null') as T;
  }
}
