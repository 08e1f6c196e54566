// npm run backup [-- --out FILE]: a consistent copy of the database of DATABASE_URL while the
// server runs (db/backup.ts), FILE.sha256 and FILE.manifest.json beside it. Default FILE:
// $GRIDGUARD_BACKUP_DIR (or $DATA_DIR/backups)/gridguard-<time>.db|.dump.
import path from 'node:path';
import { loadConfig } from './config.ts';
import { backupDatabase, backupFileName } from './db/backup.ts';

const config = loadConfig();
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
if (outAt >= 0 && !args[outAt + 1]) {
  process.stderr.write('--out: give the file to write, e.g. npm run backup -- --out /srv/backups/gridguard.dump\n');
  process.exit(2);
}
const out = outAt >= 0 ? path.resolve(args[outAt + 1] as string) : path.join(config.backupDir, backupFileName('gridguard', new Date().toISOString(), config.databaseUrl));
const started = Date.now();
try {
  const manifest = await backupDatabase(config.databaseUrl, out);
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  process.stdout.write(`backup written: ${out}\n  sha256 ${manifest.sha256}\n  ${Object.keys(manifest.tables).length} tables, ${rows.toLocaleString('en')} rows, ${((Date.now() - started) / 1000).toFixed(1)} s\n  the data keyring is not in it: keep DATA_DIR/keys (or GRIDGUARD_DATA_KEY) somewhere else, as README.md says\n`);
} catch (err) {
  process.stderr.write(`backup failed: ${(err as Error).message}\n`);
  process.exit(1);
}
