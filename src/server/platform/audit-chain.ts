// The audit log's hash chain. Writers insert entries unsealed (platform/audit.ts, inside their
// own transaction) and never wait for one another; the sealer then takes the unsealed entries
// in id order (UUIDv7: time order), gives each the next sequence number and
//   hash = sha256(prev_hash + "\n" + canonical(entry)),
// and moves the head (audit_chain). Of several instances, the one whose transaction locks the
// head seals a batch; the others skip it (db/audit-partitions.ts lockAuditHead). Editing,
// deleting or reordering a sealed entry breaks the chain where it happened; cutting the tail
// shows against the head, or against the head a backup's manifest kept.
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { type ChainHead, type Seal, lockAuditHead, writeSeals } from '../db/audit-partitions.ts';
import type { DB } from '../db/schema.ts';
import { nowIso } from './ids.ts';
import type { AuditLogTable } from './platform.tables.ts';

export type { ChainHead } from '../db/audit-partitions.ts';
export { AUDIT_GENESIS_HASH } from '../db/audit-partitions.ts';

/**
 * What the hash covers: every column an entry records, in a fixed order, as JSON. The county,
 * town and village ids are left out on purpose: they are derived from region_id and rewritten
 * when a region moves (migration 0031), which is not tampering. The chain columns themselves are
 * the chain: the position is checked by the links, not by the hash.
 */
export const CANONICAL_COLUMNS = ['id', 'at', 'user_id', 'action', 'entity', 'entity_id', 'region_id', 'ip', 'purpose', 'details'] as const;
export type CanonicalEntry = Pick<AuditLogTable, (typeof CANONICAL_COLUMNS)[number]>;

export function canonicalEntry(row: CanonicalEntry): string {
  return JSON.stringify(CANONICAL_COLUMNS.map((c) => row[c] ?? null));
}

export function chainHash(prevHash: string, row: CanonicalEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(row)).digest('hex');
}

export async function readChainHead(db: Kysely<DB>): Promise<ChainHead> {
  const row = await db.selectFrom('audit_chain').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}

export interface SealResult {
  sealed: number;
  head: ChainHead | null;
}

/**
 * Seals unsealed entries, `batch` a transaction, until none is left (or `maxBatches` ran).
 * Returns at once, sealing nothing, while another instance holds the head.
 */
export async function sealAuditLog(db: Kysely<DB>, opts: { batch?: number; maxBatches?: number } = {}): Promise<SealResult> {
  const batch = opts.batch ?? 2000;
  let sealed = 0;
  let head: ChainHead | null = null;
  for (let i = 0; i < (opts.maxBatches ?? Number.POSITIVE_INFINITY); i++) {
    const step = await db.transaction().execute(async (tx) => {
      const locked = await lockAuditHead(tx);
      if (!locked) return null;
      const rows = await tx
        .selectFrom('audit_log')
        .select([...CANONICAL_COLUMNS])
        .where('chain_seq', 'is', null)
        .orderBy('id')
        .limit(batch)
        .execute();
      let { seq, hash } = locked;
      const seals: Seal[] = rows.map((row) => {
        const prevHash = hash;
        seq += 1;
        hash = chainHash(prevHash, row);
        return { id: row.id, seq, prevHash, hash };
      });
      await writeSeals(tx, seals);
      if (seals.length) await tx.updateTable('audit_chain').set({ seq, hash, sealed_at: nowIso() }).where('id', '=', 1).execute();
      return { count: seals.length, head: { seq, hash } };
    });
    if (!step) break;
    sealed += step.count;
    head = step.head;
    if (step.count < batch) break;
  }
  return { sealed, head };
}

/** Seals every `everyMs` (and whenever `sealNow` is called) until stopped. */
export function startAuditSealer(db: Kysely<DB>, log: FastifyBaseLogger, everyMs = 3000): { sealNow(): Promise<SealResult>; stop(): void } {
  let running: Promise<SealResult> | null = null;
  const sealNow = (): Promise<SealResult> => {
    running ??= sealAuditLog(db).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    sealNow().catch((err: unknown) => log.error({ err }, 'audit sealer failed; the entries stay unsealed until its next run'));
  }, everyMs);
  timer.unref();
  return { sealNow, stop: () => clearInterval(timer) };
}
