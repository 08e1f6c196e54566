// Consistent copies of the database while it runs, and their restore into an empty database
// (API.md "Operating it"). A backup is three files: the copy (SQLite: its online backup API;
// PostgreSQL: pg_dump -Fc), FILE.sha256 (sha256sum's format) and FILE.manifest.json (dialect,
// time, each table's row count at the copy's moment). The data keyring lives in DATA_DIR/keys or
// the environment, never in the database, so it is never in a backup: a copy without the key
// is unreadable where it matters (ID numbers, phones, health), and the key kept beside it would
// undo that.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { type DialectName, dialectOf } from './connect.ts';

export interface BackupManifest {
  format: 'gridguard-backup/1';
  dialect: DialectName;
  createdAt: string;
  file: string;
  sha256: string;
  /** Rows of each table at the copy's moment. */
  tables: Record<string, number>;
  /**
   * The audit chain's head at the copy's moment (platform/audit-chain.ts): a later cut of the
   * log's tail shows against it (npm run audit:verify -- --against-manifest FILE.manifest.json).
   */
  auditChain?: { seq: number; hash: string };
}

/** Reads inside the backup's snapshot: what the copy holds, row for row. */
export type SnapshotReader = (sqlText: string) => Promise<Record<string, unknown>[]>;

export interface BackupOptions {
  /** Called inside the snapshot the copy is taken from (tests compare the restore with it). */
  inSnapshot?: (read: SnapshotReader, tables: string[]) => Promise<void>;
}

const TABLES_SQL: Record<DialectName, string> = {
  sqlite: "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
  postgres: "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
};
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface SnapshotFacts {
  tables: Record<string, number>;
  auditChain?: { seq: number; hash: string };
}

async function snapshotFacts(read: SnapshotReader, tables: string[]): Promise<SnapshotFacts> {
  const counts = await tableCounts(read, tables);
  if (!tables.includes('audit_chain')) return { tables: counts };
  const [head] = await read('select seq, hash from audit_chain where id = 1');
  return { tables: counts, ...(head ? { auditChain: { seq: Number(head.seq), hash: String(head.hash) } } : {}) };
}

async function tableCounts(read: SnapshotReader, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await read(`select count(*) as n from ${quoteIdent(t)}`);
    out[t] = Number(row?.n ?? 0);
  }
  return out;
}

const sqliteFileOf = (url: string) => (url.startsWith('sqlite://') ? url.slice('sqlite://'.length) : url);

/** Copies the database named by `url` to `outFile` while it keeps serving; writes the checksum and manifest beside it. */
export async function backupDatabase(url: string, outFile: string, opts: BackupOptions = {}): Promise<BackupManifest> {
  const dialect = dialectOf(url);
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  const partial = `${outFile}.partial`;
  fs.rmSync(partial, { force: true });
  const createdAt = new Date().toISOString();
  const facts = dialect === 'sqlite' ? await backupSqlite(sqliteFileOf(url), partial, opts) : await backupPostgres(url, partial, opts);
  // Renamed only when complete: a crash leaves a .partial, never a truncated backup by its real name.
  fs.renameSync(partial, outFile);
  const sha256 = await fileSha256(outFile);
  const manifest: BackupManifest = { format: 'gridguard-backup/1', dialect, createdAt, file: path.basename(outFile), sha256, ...facts };
  fs.writeFileSync(`${outFile}.sha256`, `${sha256}  ${path.basename(outFile)}\n`);
  fs.writeFileSync(`${outFile}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

// SQLite: a second, read-only connection holds one read transaction (WAL: a fixed snapshot while
// the server goes on writing), counts the rows in it, and the online backup copies that same
// snapshot page by page without stopping the writers.
async function backupSqlite(file: string, out: string, opts: BackupOptions): Promise<SnapshotFacts> {
  const source = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    source.exec('begin');
    const read: SnapshotReader = async (sqlText) => source.prepare(sqlText).all() as Record<string, unknown>[];
    const tables = (await read(TABLES_SQL.sqlite)).map((r) => String(r.name));
    const facts = await snapshotFacts(read, tables);
    await opts.inSnapshot?.(read, tables);
    await source.backup(out);
    source.exec('commit');
    // The copy carries the source's WAL mode: made a plain rollback-journal file, it is one
    // self-contained file, and reading it (restore) leaves no -wal/-shm beside it.
    const copy = new SQLite(out);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    return facts;
  } finally {
    source.close();
  }
}

// PostgreSQL: a repeatable-read transaction exports its snapshot; the counts are read in it and
// pg_dump dumps exactly it (--snapshot), so the counts are those of the dump.
async function backupPostgres(url: string, out: string, opts: BackupOptions): Promise<SnapshotFacts> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read, read only');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    const read: SnapshotReader = async (sqlText) => (await client.query(sqlText)).rows as Record<string, unknown>[];
    const tables = (await read(TABLES_SQL.postgres)).map((r) => String(r.name));
    const facts = await snapshotFacts(read, tables);
    await opts.inSnapshot?.(read, tables);
    await run('pg_dump', ['--format=custom', `--snapshot=${rows[0]?.id ?? ''}`, '--no-owner', '--no-privileges', `--file=${out}`], url);
    await client.query('commit');
    return facts;
  } finally {
    await client.end();
  }
}

export interface RestoreResult {
  tables: Record<string, number>;
}

/**
 * Restores `file` into the empty database named by `url`: checks the checksum first, refuses a
 * database that already has tables, then compares every table's rows with the manifest.
 */
export async function restoreDatabase(file: string, url: string): Promise<RestoreResult> {
  const manifest = readManifest(file);
  const sha256 = await fileSha256(file);
  const expected = fs.readFileSync(`${file}.sha256`, 'utf8').split(/\s+/)[0];
  if (sha256 !== expected || sha256 !== manifest.sha256) throw new Error(`${path.basename(file)}: checksum mismatch (the file is damaged or not the one backed up); nothing was restored`);
  const dialect = dialectOf(url);
  if (dialect !== manifest.dialect) throw new Error(`${path.basename(file)} is a ${manifest.dialect} backup; DATABASE_URL names a ${dialect} database`);

  const existing = await tablesIn(url);
  if (existing.length) throw new Error(`DATABASE_URL names a database that already has ${existing.length} tables (${existing.slice(0, 3).join(', ')}…): restore needs an empty one; nothing was restored`);

  if (dialect === 'sqlite') {
    const target = sqliteFileOf(url);
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    const source = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(target);
    } finally {
      source.close();
    }
  } else {
    // One transaction: a failure leaves the database as empty as it was.
    await run('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges', file], url);
  }

  const tables = await withReader(url, async (read) => tableCounts(read, (await read(TABLES_SQL[dialect])).map((r) => String(r.name))));
  const wrong = Object.entries(manifest.tables).filter(([t, n]) => tables[t] !== n);
  const extra = Object.keys(tables).filter((t) => !(t in manifest.tables));
  if (wrong.length || extra.length) {
    const lines = [...wrong.map(([t, n]) => `${t}: ${n} rows backed up, ${tables[t] ?? 'no table'} restored`), ...extra.map((t) => `${t}: not in the backup`)];
    throw new Error(`The restored database differs from the backup:\n  ${lines.join('\n  ')}`);
  }
  return { tables };
}

export function readManifest(file: string): BackupManifest {
  const manifestFile = `${file}.manifest.json`;
  if (!fs.existsSync(file)) throw new Error(`${file}: no such backup file`);
  if (!fs.existsSync(manifestFile) || !fs.existsSync(`${file}.sha256`)) throw new Error(`${file}: its .sha256 and .manifest.json must lie beside it`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== 'gridguard-backup/1') throw new Error(`${manifestFile}: not a GridGuard backup manifest`);
  return manifest;
}

async function tablesIn(url: string): Promise<string[]> {
  if (dialectOf(url) === 'sqlite' && !fs.existsSync(sqliteFileOf(url))) return [];
  return withReader(url, async (read) => (await read(TABLES_SQL[dialectOf(url)])).map((r) => String(r.name)));
}

async function withReader<T>(url: string, use: (read: SnapshotReader) => Promise<T>): Promise<T> {
  if (dialectOf(url) === 'sqlite') {
    const db = new SQLite(sqliteFileOf(url), { readonly: true, fileMustExist: true });
    try {
      return await use(async (sqlText) => db.prepare(sqlText).all() as Record<string, unknown>[]);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(async (sqlText) => (await client.query(sqlText)).rows as Record<string, unknown>[]);
  } finally {
    await client.end();
  }
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Runs a PostgreSQL client tool on the database at `url`. The password goes in PGPASSWORD, not
 * on the command line, where any local user's `ps` would read it; stderr becomes the error.
 */
function run(cmd: string, args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
    const child = spawn(cmd, [...args, `--dbname=${parsed.toString()}`], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('error', (err) => reject(new Error(`${cmd} could not start (${err.message}): install the PostgreSQL client tools`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (exit ${code}): ${stderr.trim()}`))));
  });
}

/**
 * A backup's file name: a prefix, the moment (sortable, no colons for other file systems) and the
 * database's extension (.db: a SQLite file; .dump: pg_dump's custom format).
 */
export function backupFileName(prefix: string, stamp: string, url: string): string {
  return `${prefix}-${stamp.replace(/[:.]/g, '-')}.${dialectOf(url) === 'sqlite' ? 'db' : 'dump'}`;
}

/** Daily backups in `dir` beyond the newest `keep` (by name: they carry their day), for removal. */
export function backupsBeyond(dir: string, prefix: string, keep: number): string[] {
  if (!fs.existsSync(dir)) return [];
  const copies = fs
    .readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && !n.endsWith('.sha256') && !n.endsWith('.manifest.json') && !n.endsWith('.partial'))
    .sort()
    .reverse();
  return copies.slice(keep).map((n) => path.join(dir, n));
}
