// npm run rotate-key [-- --retire-old]
// Adds a data key, makes it current, re-encrypts every stored ID and phone number under it
// (batches; safe to rerun), and with --retire-old drops the keys nothing uses any more.
// With GRIDGUARD_DATA_KEY set, the new keyring is printed for you to store instead of a file.
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.ts';
import { openDatabase } from '../src/server/db/connect.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { ENCRYPTED_COLUMNS } from '../src/server/modules/households/households.tables.ts';
import { fieldCryptoOf, loadKeyring, saveKeyringFile, withNewKey } from '../src/server/platform/crypto.ts';
import { reencryptAll } from '../src/server/platform/rekey.ts';

const { values } = parseArgs({ options: { 'retire-old': { type: 'boolean', default: false } } });
const config = loadConfig();
const database = openDatabase(config.databaseUrl);
const keyring = loadKeyring({ envValue: config.dataKey, dataDir: config.dataDir });
await migrateToLatest(database, { fieldCrypto: fieldCryptoOf(keyring) });
const rotated = withNewKey(keyring);
// The new keyring is saved before any row uses the new key: a crash midway leaves rows that
// every later run can still open, and a rerun finishes the job.
if (config.dataKey) {
  process.stdout.write(`Set GRIDGUARD_DATA_KEY to this new keyring before restarting:\n${Buffer.from(JSON.stringify(rotated)).toString('base64')}\n`);
} else {
  saveKeyringFile(config.dataDir, rotated);
}
const crypto = fieldCryptoOf(rotated);
const rows = await reencryptAll(database.db, crypto, ENCRYPTED_COLUMNS, (table, n) => process.stdout.write(`\r${table}: ${n} rows re-encrypted`));
process.stdout.write(`\nre-encrypted ${rows} rows under key ${rotated.current}\n`);
if (values['retire-old'] && !config.dataKey) {
  saveKeyringFile(config.dataDir, { ...rotated, keys: { [rotated.current]: rotated.keys[rotated.current] ?? '' } });
  process.stdout.write('old keys retired\n');
}
await database.close();
