// npm run audit:verify [-- --against-manifest FILE] [--seal]: checks the audit log's hash chain
// in the database of DATABASE_URL (platform/audit-verify.ts) and names its first break. FILE: a
// backup's .manifest.json (or an audit export's): the head it kept must still be in the chain.
// --seal: seal the entries still waiting first (the server's sealer does this every few
// seconds). Exit code 0: the chain is whole; 1: a break; 2: bad arguments or no database.
import fs from 'node:fs';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connect.ts';
import { pendingMigrations } from './db/migrate.ts';
import { type ChainHead, sealAuditLog } from './platform/audit-chain.ts';
import { verifyAuditChain } from './platform/audit-verify.ts';

const args = process.argv.slice(2);
const fail = (message: string, code = 2): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};
const known = new Set(['--against-manifest', '--seal']);
for (const a of args) if (a.startsWith('--') && !known.has(a)) fail(`${a}: unknown option (use --against-manifest FILE, --seal)`);
const manifestAt = args.indexOf('--against-manifest');
let against: ChainHead | undefined;
if (manifestAt >= 0) {
  const file = args[manifestAt + 1];
  if (!file) fail('--against-manifest: give a backup\'s manifest, e.g. --against-manifest /srv/backups/gridguard-daily-2026-12-01.dump.manifest.json');
  let parsed: { auditChain?: ChainHead; head?: ChainHead };
  try {
    parsed = JSON.parse(fs.readFileSync(file as string, 'utf8'));
  } catch (err) {
    fail(`${file}: cannot read it as JSON (${(err as Error).message})`);
    throw err;
  }
  against = parsed.auditChain ?? parsed.head;
  if (!against || !Number.isInteger(against.seq) || typeof against.hash !== 'string') fail(`${file}: holds no audit chain head (a backup made before the chain existed?)`);
}

const config = loadConfig();
const database = openDatabase(config.databaseUrl);
try {
  const pending = await pendingMigrations(database);
  if (pending.includes('0033_audit_chain')) fail('the database has no audit chain yet: start the server (or npm run migrate) first');
  if (args.includes('--seal')) {
    const { sealed } = await sealAuditLog(database.db);
    process.stdout.write(`sealed ${sealed} waiting entries\n`);
  }
  const r = await verifyAuditChain(database.db, { against });
  const lines = [
    `audit chain of ${database.describe}`,
    `  checked ${r.checked} sealed entries from ${r.start.seq === 0 ? 'the start' : `the cut at ${r.start.seq}`}; ${r.unsealed} not sealed yet`,
    `  head ${r.head.seq} ${r.head.hash}`,
  ];
  if (against) lines.push(`  against the manifest's head ${against.seq} ${against.hash}`);
  if (r.firstBreak) {
    const b = r.firstBreak;
    lines.push(`BROKEN at sequence ${b.seq}: ${b.kind}`, `  entry ${b.entryId ?? '-'}, day ${b.day ?? '-'}`, `  ${b.message}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    process.exitCode = 1;
  } else {
    lines.push('OK: the chain is whole');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} finally {
  await database.close();
}
