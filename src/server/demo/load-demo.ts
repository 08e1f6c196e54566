// First start with GRIDGUARD_DEMO on: an empty database (no town yet) gets the demo county,
// in one transaction — either the whole county is there or none of it.
import type { Database } from '../db/connect.ts';
import type { FieldCrypto } from '../platform/crypto.ts';
import { hashPassword } from '../platform/passwords.ts';
import { type DemoCountyResult, type DemoLog, bootstrapRootCounty, buildDemoCounty } from './county.ts';

/** The one password of every demo account (README "Demo county"); never for a real install. */
export const DEMO_PASSWORD = 'gridguard-demo';

/**
 * Hashed once and shared by all demo accounts: scrypt costs ~60 ms a hash by design, so
 * hashing each of ~3,000 (or, for a million people, ~10,000) accounts would take minutes.
 */
export const demoPasswordHash = (): Promise<string> => hashPassword(DEMO_PASSWORD);

export async function loadDemoIfEmpty(
  database: Database,
  crypto: FieldCrypto,
  opts: { people: number; log: DemoLog; seed?: string; today?: string; timeZone?: string },
): Promise<DemoCountyResult | null> {
  if (opts.people <= 0) return null;
  const town = await database.db.selectFrom('regions').select('id').where('level', '=', 'town').executeTakeFirst();
  if (town) return null;
  const county = await bootstrapRootCounty(database);
  opts.log.info({ people: opts.people }, 'loading the demo county');
  const result = await buildDemoCounty(database, crypto, county, await demoPasswordHash(), opts);
  const { counts } = result;
  opts.log.info(
    { ms: result.ms, towns: result.towns, villages: result.villages, grids: result.grids, microGrids: result.microGrids, users: result.users, households: counts.households, people: counts.people },
    'demo county loaded',
  );
  return result;
}
