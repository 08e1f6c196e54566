// npm run migrate: bring the database of DATABASE_URL (or the SQLite default) up to date.
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadFieldCrypto } from './platform/crypto.ts';

const config = loadConfig();
const database = openDatabase(config.databaseUrl);
// The keyring: a migration may encrypt stored rows (0034, health data).
const applied = await migrateToLatest(database, { fieldCrypto: loadFieldCrypto({ envValue: config.dataKey, dataDir: config.dataDir }) });
process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
await database.close();
