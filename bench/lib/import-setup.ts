// A fresh SQLite database for one import run: migrated, a county → town → village → grid, and
// the grid worker who imports. Shared by the import run and its raw baseline.
import path from 'node:path';
import { ensureRootRegion } from '../../src/server/bootstrap.ts';
import { type Database, openDatabase } from '../../src/server/db/connect.ts';
import { migrateToLatest } from '../../src/server/db/migrate.ts';
import { newId } from '../../src/server/platform/ids.ts';
import { createRegion } from '../../src/server/modules/regions/regions.service.ts';

export interface ImportSetup {
  database: Database;
  dbFile: string;
  grid: { id: number; path: string; level: string };
  userId: string;
}

export async function importSetup(dataDir: string): Promise<ImportSetup> {
  const dbFile = path.join(dataDir, 'bench.db');
  const database = openDatabase(`sqlite://${dbFile}`, { backgroundCheckpoint: false });
  await migrateToLatest(database);
  const county = await ensureRootRegion(database);
  const system = { userId: null, ip: '127.0.0.1' };
  const made = await database.db.transaction().execute(async (tx) => {
    const town = await createRegion(tx, system, { parentId: county, level: 'town', code: '339901001', name: '示范镇' });
    const village = await createRegion(tx, system, { parentId: town.id, level: 'village', code: '339901001001', name: '幸福村' });
    return createRegion(tx, system, { parentId: village.id, level: 'grid', code: '33990100100101', name: '幸福村第一网格' });
  });
  const grid = await database.db.selectFrom('regions').select(['id', 'path', 'level']).where('id', '=', made.id).executeTakeFirstOrThrow();
  const userId = newId();
  const now = new Date().toISOString();
  await database.db
    .insertInto('users')
    .values({ id: userId, username: 'bench', display_name: 'bench', role: 'grid_worker', region_id: grid.id, password_hash: 'x', active: 1, created_at: now, updated_at: now })
    .execute();
  return { database, dbFile, grid, userId };
}

/** Peak resident memory, sampled; the kernel's high-water mark is reported next to it. */
export function rssSampler(): { stop(): { peakMb: number; maxRssMb: number } } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { peakMb: Math.round(peak / 1_048_576), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
    },
  };
}
