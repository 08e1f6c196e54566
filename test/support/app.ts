// buildTestApp(): the real app on a fresh database, a small territory, and signIn helpers.
import { PassThrough } from 'node:stream';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import { ensureRootRegion } from '../../src/server/bootstrap.ts';
import type { Config } from '../../src/server/config.ts';
import { loadConfig } from '../../src/server/config.ts';
import { type FieldCrypto, ephemeralFieldCrypto } from '../../src/server/platform/crypto.ts';
import type { Role } from '../../src/shared/accounts.ts';
import { createToken, toUser } from '../../src/server/modules/accounts/accounts.service.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { hashPassword } from '../../src/server/platform/passwords.ts';
import { createRegion } from '../../src/server/modules/regions/regions.service.ts';
import type { RegionLevel } from '../../src/shared/regions.ts';
import { type TestDatabase, openTestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  tree: Territory;
  close(): Promise<void>;
}

/** county ─ townA ─ villageA ─ gridA, gridA2 ; townA ─ villageB ─ gridB ; county ─ townC */
export interface Territory {
  county: number;
  townA: number;
  villageA: number;
  gridA: number;
  gridA2: number;
  villageB: number;
  gridB: number;
  townC: number;
}

let codeSeq = 100;
const SYSTEM = { userId: null, ip: '127.0.0.1' };

export async function aRegion(app: FastifyInstance, parentId: number, level: RegionLevel, name: string): Promise<number> {
  codeSeq += 1;
  const region = await app.db.transaction().execute((tx) =>
    createRegion(tx, SYSTEM, { parentId, level, code: `33990100${String(codeSeq).padStart(4, '0')}`, name }),
  );
  return region.id;
}

/** A test app logging at trace level into `onLog`, for tests that prove what never reaches the logs. */
export function buildLoggingTestApp(onLog: (text: string) => void): Promise<TestApp> {
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => onLog(chunk.toString('utf8')));
  return buildTestApp({ logLevel: 'trace' }, stream);
}

/** `fieldCrypto`: one keyring for several apps that stand for instances of one deployment; `sqliteDir`: where the SQLite file goes (a small tmpfs in the full-disk tests); `database`: a database the test opened itself (a primary with its replica). */
export async function buildTestApp(
  overrides: Partial<Config> = {},
  logStream?: NodeJS.WritableStream,
  opts: { sqliteDir?: string; fieldCrypto?: FieldCrypto; database?: TestDatabase } = {},
): Promise<TestApp> {
  const fieldCrypto = opts.fieldCrypto ?? ephemeralFieldCrypto();
  const database = opts.database ?? (await openTestDatabase({ sqliteDir: opts.sqliteDir }));
  // Each test app writes its files (uploads, keys) in its own temporary directory, never ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gg-test-'));
  const config: Config = Object.freeze({ ...loadConfig({}), logLevel: 'silent' as const, webRoot: null, dataDir, ...overrides });
  const app = await buildApp({ config, database, fieldCrypto, logStream });
  await app.ready();
  const county = await ensureRootRegion(database);
  const townA = await aRegion(app, county, 'town', '城关镇');
  const villageA = await aRegion(app, townA, 'village', '东村');
  const gridA = await aRegion(app, villageA, 'grid', '东村第一网格');
  const gridA2 = await aRegion(app, villageA, 'grid', '东村第二网格');
  const villageB = await aRegion(app, townA, 'village', '西村');
  const gridB = await aRegion(app, villageB, 'grid', '西村第一网格');
  const townC = await aRegion(app, county, 'town', '南山乡');
  return {
    app,
    database,
    tree: { county, townA, villageA, gridA, gridA2, villageB, gridB, townC },
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let userSeq = 0;
export const TEST_PASSWORD = 'correct-horse-battery';

// scrypt costs ~60 ms a hash by design; tests make hundreds of accounts, so they share one hash.
let testPasswordHash: Promise<string> | null = null;

/** A user of `role` bound to `regionId`, with a bearer token: returns headers for inject(). */
export async function signIn(app: FastifyInstance, role: Role, regionId: number) {
  userSeq += 1;
  const username = `${role.replace(/_/g, '')}${userSeq}`;
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const now = new Date().toISOString();
  const row = { id: newId(), username, display_name: `测试${role}`, role, region_id: regionId, password_hash: await testPasswordHash, phone: null, active: 1, must_change_password: 0, created_by: null, granted_by: null, created_at: now, updated_at: now };
  await app.db.insertInto('users').values(row).execute();
  const user = toUser(row);
  const region = await app.db.selectFrom('regions').select(['path', 'level']).where('id', '=', regionId).executeTakeFirstOrThrow();
  // Minted as a browser session would (only sessions make tokens); the test then uses the token.
  const actor = { userId: user.id, username, displayName: username, role, regionId, regionPath: region.path, regionLevel: region.level, authKind: 'session' as const, sessionId: '', csrfToken: null, mustChangePassword: false };
  const token = await app.db.transaction().execute((tx) => createToken(tx, SYSTEM, actor, { name: 'test', expiresInDays: 1 }));
  return { user, username, headers: { authorization: `Bearer ${token.token}` } };
}

export type Injector = (opts: InjectOptions) => Promise<LightMyRequestResponse>;
export const json = <T = any>(res: LightMyRequestResponse): T => res.json() as T;

/** An answer's JSON without its error's requestId (each request has its own): for tests that two answers say the same. */
export function sameAnswerOf(res: LightMyRequestResponse): unknown {
  const body = res.json() as { error?: Record<string, unknown> };
  if (!body.error) return body;
  const { requestId: _own, ...error } = body.error;
  return { ...body, error };
}
