// Ties the PostgreSQL read replica (db/read-replica.ts) to requests: each handler's reads know
// their account (so its own writes are read back from the primary), each write by a signed-in
// account opens that account's read-from-primary window on every instance, and the replica's
// ups and downs are logged once per change (state, reason and lag only: no query, no account).
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/connect.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function installReadRouting(app: FastifyInstance, database: Database): Promise<void> {
  const replica = database.replica;
  if (!replica) {
    // Only SQLite opens without a replica when one is named: its slow reads run on reader threads.
    if (app.config.databaseReadUrl) app.log.warn('DATABASE_READ_URL is ignored on SQLite (its reads run on reader threads of the one file)');
    return;
  }
  const stopLogging = replica.onTransition((t) => {
    if (t.up) app.log.info({ replica: 'up', lagSeconds: t.lagSeconds }, 'read replica in use again: lists and reports read from it');
    else app.log.warn({ replica: 'down', reason: t.reason, lagSeconds: t.lagSeconds }, 'read replica unavailable: reads go to the primary');
  });
  app.addHook('onClose', async () => stopLogging());
  await replica.start(database.listen);

  // Callback style on purpose: the handler (and later hooks) run inside done(), so inside runAs.
  app.addHook('preHandler', (request, _reply, done) => {
    replica.runAs({ userId: request.actor?.userId ?? null }, done);
  });
  // Before the answer leaves: the writer's next request, on whichever instance, already knows.
  app.addHook('onSend', async (request, _reply, payload) => {
    const userId = request.actor?.userId;
    if (userId != null && !SAFE_METHODS.has(request.method)) await replica.noteWrite(userId, database.notify);
    return payload;
  });
}
