import { Migrator } from 'kysely';
import type { Database } from './connect.ts';
import { type MigrationExtras, migrationProvider } from './migrations/index.ts';

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(database: Database, extras: MigrationExtras = {}): Promise<string[]> {
  // Unordered: capabilities land in parallel, so a lower-numbered migration may arrive after a
  // higher one already ran on a long-lived database; each migration stands on its own.
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect, extras), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this code knows that the database has not run (empty: the schema is current). */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider(database.dialect), allowUnorderedMigrations: true });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
