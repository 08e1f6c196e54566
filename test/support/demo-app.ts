// A small demo county (the real generator and every module's seeder) on a fresh test database,
// with the app over it: for the tests that check what the demo county holds.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/server/config.ts';
import { loadDemoIfEmpty } from '../../src/server/demo/load-demo.ts';
import { type FieldCrypto, ephemeralFieldCrypto } from '../../src/server/platform/crypto.ts';
import { type TestDatabase, openTestDatabase } from './db.ts';

export interface DemoApp {
  app: FastifyInstance;
  database: TestDatabase;
  crypto: FieldCrypto;
  close(): Promise<void>;
}

export async function buildDemoApp(people: number, today: string): Promise<DemoApp> {
  const crypto = ephemeralFieldCrypto();
  const database = await openTestDatabase();
  await loadDemoIfEmpty(database, crypto, { people, log: { info: () => undefined }, today });
  const config = Object.freeze({ ...loadConfig({}), logLevel: 'silent' as const, webRoot: null });
  const app = await buildApp({ config, database, fieldCrypto: crypto });
  await app.ready();
  return {
    app,
    database,
    crypto,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
