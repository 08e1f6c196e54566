// First start on an empty database: the root county, the admin account, the demo county.
import { randomBytes } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import type { FieldCrypto } from './platform/crypto.ts';
import { nowIso } from './platform/ids.ts';
import { PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../shared/password-strength.ts';
import { adminExists, ensureAdmin } from './modules/accounts/accounts.service.ts';
import { DB_TRUE } from './db/dialect.ts';

/** The invented county the demo and an empty install start with (not a real GB/T 2260 code). */
export const DEFAULT_COUNTY = { code: '339901', name: '示范县' } as const;

export async function ensureRootRegion(database: Database): Promise<number> {
  const root = await database.db.selectFrom('regions').select('id').where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
  if (root) return root.id;
  const now = nowIso();
  return database.db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('regions')
      .values({ parent_id: null, level: 'county', code: DEFAULT_COUNTY.code, name: DEFAULT_COUNTY.name, path: '/pending/', depth: 1, active: DB_TRUE, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('regions').set({ path: `/${id}/` }).where('id', '=', id).execute();
    return id;
  });
}

export interface BootstrapResult {
  adminCreated: boolean;
  /** Set only when the password was generated here: printed once, never logged. */
  generatedPassword: string | null;
}

export async function bootstrap(
  database: Database,
  config: Config,
  _crypto: FieldCrypto,
  log: FastifyBaseLogger,
): Promise<BootstrapResult> {
  const rootId = await ensureRootRegion(database);
  // The chosen password is judged only when it is used, on first start: an installation whose
  // admin exists keeps starting whatever the variable still says.
  if (config.adminPassword && !(await adminExists(database.db))) {
    const problem = passwordProblem(config.adminPassword, { username: 'admin' });
    if (problem) throw new Error(`GRIDGUARD_ADMIN_PASSWORD: ${PASSWORD_PROBLEM_MESSAGES[problem]}; choose a longer, less guessable one`);
  }
  const generatedPassword = config.adminPassword ? null : randomBytes(12).toString('base64url');
  const adminCreated = await ensureAdmin(database.db, rootId, config.adminPassword ?? generatedPassword ?? '', { generated: generatedPassword !== null });
  if (adminCreated) log.info('created the admin account');
  return { adminCreated, generatedPassword: adminCreated ? generatedPassword : null };
}
