// The audit log's own retention (longer than the data's: by default 3 years). Whole months past
// it are exported — gzip JSON lines in the backup directory, the chain's head at their end in
// a manifest beside them — and then removed (PostgreSQL: their partitions dropped). The cut is
// recorded in audit_chain_cuts, and the verifier starts from its head: the chain stays
// verifiable from the exported head onward, and the export itself chains up to that head.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { type Month, removeAuditThrough } from '../db/audit-partitions.ts';
import type { DB } from '../db/schema.ts';
import { AUDIT_GENESIS_HASH, CANONICAL_COLUMNS, sealAuditLog } from './audit-chain.ts';
import { nowIso } from './ids.ts';

export const AUDIT_EXPORT_FORMAT = 'gridguard-audit-export/1';

export interface AuditExportManifest {
  format: typeof AUDIT_EXPORT_FORMAT;
  file: string;
  sha256: string;
  /** The chain's state before the first exported entry, and at the last. */
  from: { seq: number; hash: string };
  head: { seq: number; hash: string };
  /** Entries before the start of this month (UTC), plus any sealed before the last of them. */
  beforeMonth: Month;
  rows: number;
  createdAt: string;
}

/** The first month (UTC) whose entries are all kept: the month of `now − retentionDays`. */
export function retentionBoundary(now: Date, retentionDays: number): Month {
  return new Date(now.getTime() - retentionDays * 86_400_000).toISOString().slice(0, 7);
}

/**
 * Exports and removes every entry before `beforeMonth` (whole months). Idempotent: a run that
 * died after writing the file and before its transaction committed is redone from the start.
 * Returns the export's manifest, or null when nothing is that old.
 */
export async function cutAuditLog(db: Kysely<DB>, dir: string, beforeMonth: Month, now = new Date()): Promise<AuditExportManifest | null> {
  await sealAuditLog(db);
  const before = `${beforeMonth}-01T00:00:00.000Z`;
  const unsealed = await db.selectFrom('audit_log').select('id').where('chain_seq', 'is', null).where('at', '<', before).executeTakeFirst();
  if (unsealed) throw new Error(`audit retention: entry ${unsealed.id} before ${beforeMonth} is not sealed yet; nothing was exported`);
  const top = await db.selectFrom('audit_log').select((eb) => eb.fn.max('chain_seq').as('seq')).where('at', '<', before).executeTakeFirst();
  if (top?.seq == null) return null;
  const cutSeq = Number(top.seq);
  const last = await db.selectFrom('audit_chain_cuts').select(['cut_seq', 'cut_hash']).orderBy('cut_seq', 'desc').limit(1).executeTakeFirst();
  const from = last ? { seq: Number(last.cut_seq), hash: last.cut_hash } : { seq: 0, hash: AUDIT_GENESIS_HASH };

  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `gridguard-audit-before-${beforeMonth}-seq${cutSeq}.jsonl.gz`);
  const partial = `${file}.partial`;
  let rows = 0;
  let head = from;
  async function* lines() {
    let after = from.seq;
    for (;;) {
      const page = await db
        .selectFrom('audit_log')
        .select([...CANONICAL_COLUMNS, 'chain_seq', 'prev_hash', 'hash'])
        .where('chain_seq', '>', after)
        .where('chain_seq', '<=', cutSeq)
        .orderBy('chain_seq')
        .limit(5000)
        .execute();
      for (const row of page) {
        rows += 1;
        head = { seq: Number(row.chain_seq), hash: row.hash ?? '' };
        yield `${JSON.stringify(row)}\n`;
      }
      if (page.length < 5000) return;
      after = Number(page[page.length - 1]?.chain_seq);
    }
  }
  await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(partial));
  if (head.seq !== cutSeq) throw new Error(`audit retention: the export ends at ${head.seq}, expected ${cutSeq} (run npm run audit:verify); nothing was removed`);
  fs.renameSync(partial, file);
  const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const manifest: AuditExportManifest = { format: AUDIT_EXPORT_FORMAT, file: path.basename(file), sha256, from, head, beforeMonth, rows, createdAt: now.toISOString() };
  fs.writeFileSync(`${file}.manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);

  // The removal and its record commit together: a crash leaves the entries (and a file the next run rewrites).
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('audit_chain_cuts').values({ cut_seq: cutSeq, cut_hash: head.hash, before_at: before, rows, file: path.basename(file), created_at: nowIso() }).execute();
    await removeAuditThrough(tx, cutSeq, beforeMonth);
  });
  return manifest;
}
