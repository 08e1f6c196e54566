// npm run restore -- FILE: the backup into the empty database of DATABASE_URL (refuses one that
// has tables), its checksum checked first and every table's row count after (db/backup.ts).
import path from 'node:path';
import { loadConfig } from './config.ts';
import { restoreDatabase } from './db/backup.ts';

const file = process.argv[2];
if (!file) {
  process.stderr.write('give the backup to restore: npm run restore -- FILE (DATABASE_URL names the empty database to fill)\n');
  process.exit(2);
}
const config = loadConfig();
try {
  const { tables } = await restoreDatabase(path.resolve(file), config.databaseUrl);
  const rows = Object.values(tables).reduce((a, b) => a + b, 0);
  process.stdout.write(`restored ${file}: checksum ok, ${Object.keys(tables).length} tables and ${rows.toLocaleString('en')} rows, as backed up\n  the server needs the data keyring of the backed-up installation (DATA_DIR/keys or GRIDGUARD_DATA_KEY) to read it\n`);
} catch (err) {
  process.stderr.write(`restore failed: ${(err as Error).message}\n`);
  process.exit(1);
}
