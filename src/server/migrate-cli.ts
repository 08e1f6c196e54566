// npm run migrate: bring the database of DATABASE_URL (or the SQLite default) up to date.
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';

const config = loadConfig();
const database = openDatabase(config.databaseUrl);
const applied = await migrateToLatest(database);
process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'already up to date\n');
await database.close();
