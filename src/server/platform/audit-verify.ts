// Checks the audit log's hash chain (platform/audit-chain.ts) from its start — or from the last
// cut, where older entries were exported after the retention — to the head, and names the
// first break: which sequence number, which entry, which day, and what is wrong with it.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AUDIT_GENESIS_HASH, CANONICAL_COLUMNS, type ChainHead, chainHash, readChainHead } from './audit-chain.ts';

export type BreakKind = 'edited' | 'missing' | 'reordered';

export interface ChainBreak {
  kind: BreakKind;
  seq: number;
  /** The entry at the break (for a missing one: the entry found where it should have been, if any). */
  entryId: string | null;
  /** The UTC day of that entry. */
  day: string | null;
  message: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Sealed entries checked. */
  checked: number;
  /** Entries the sealer has not reached yet (not covered by the chain until it does). */
  unsealed: number;
  /** Where the walk started: the genesis or the last cut's head. */
  start: ChainHead;
  head: ChainHead;
  firstBreak: ChainBreak | null;
}

export interface VerifyOptions {
  /** A head recorded elsewhere (a backup's manifest): it must still be in the chain, unchanged. */
  against?: ChainHead;
  page?: number;
}

const dayOf = (at: string | null | undefined) => (at ? new Date(at).toISOString().slice(0, 10) : null);

export async function verifyAuditChain(db: Kysely<DB>, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const page = opts.page ?? 5000;
  const cut = await db.selectFrom('audit_chain_cuts').select(['cut_seq', 'cut_hash']).orderBy('cut_seq', 'desc').limit(1).executeTakeFirst();
  const start: ChainHead = cut ? { seq: Number(cut.cut_seq), hash: cut.cut_hash } : { seq: 0, hash: AUDIT_GENESIS_HASH };
  const head = await readChainHead(db);
  const unsealedRow = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('chain_seq', 'is', null).executeTakeFirst();
  const unsealed = Number(unsealedRow?.n ?? 0);

  let expected = start.seq + 1;
  let prevHash = start.hash;
  let checked = 0;
  let againstHash: string | null = opts.against && opts.against.seq === start.seq ? start.hash : null;
  const result = (firstBreak: ChainBreak | null): VerifyResult => ({ ok: firstBreak === null, checked, unsealed, start, head, firstBreak });

  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select([...CANONICAL_COLUMNS, 'chain_seq', 'prev_hash', 'hash'])
      .where('chain_seq', '>=', expected)
      .orderBy('chain_seq')
      .limit(page)
      .execute();
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      const at = { entryId: row.id, day: dayOf(row.at) };
      if (seq < expected) {
        return result({ kind: 'reordered', seq, ...at, message: `two entries hold sequence number ${seq}` });
      }
      if (seq > expected) {
        const span = seq - expected === 1 ? `${expected}` : `${expected}–${seq - 1}`;
        return result({ kind: 'missing', seq: expected, ...at, message: `entry ${span} is missing: the chain jumps from ${expected - 1} to ${seq} (entry ${row.id})` });
      }
      if (!row.hash || chainHash(row.prev_hash ?? '', row) !== row.hash) {
        return result({ kind: 'edited', seq, ...at, message: `entry ${row.id} (sequence ${seq}) was edited after it was sealed: its content does not match its hash` });
      }
      if (row.prev_hash !== prevHash) {
        // Intact itself but linked to some other predecessor: moved (its predecessor still exists
        // elsewhere in the chain), or its predecessor was deleted and the numbers closed up.
        const elsewhere = await db.selectFrom('audit_log').select('chain_seq').where('hash', '=', row.prev_hash ?? '').executeTakeFirst();
        return elsewhere
          ? result({ kind: 'reordered', seq, ...at, message: `entry ${row.id} sits at ${seq} but follows the entry sealed at ${elsewhere.chain_seq}: entries were reordered` })
          : result({ kind: 'missing', seq, ...at, message: `the entry before ${row.id} (sequence ${seq}) is missing: it was deleted and the numbers closed up` });
      }
      if (opts.against && seq === opts.against.seq) againstHash = row.hash;
      prevHash = row.hash;
      expected = seq + 1;
      checked += 1;
    }
    if (rows.length < page) break;
  }

  const last = expected - 1;
  if (head.seq > last) {
    return result({ kind: 'missing', seq: last + 1, entryId: null, day: null, message: `entries ${last + 1}–${head.seq} are missing: the head says ${head.seq}, the log ends at ${last}` });
  }
  if (head.seq < last || head.hash !== prevHash) {
    return result({ kind: 'edited', seq: head.seq, entryId: null, day: null, message: `the chain's head (${head.seq}) does not match the log's last entry (${last})` });
  }
  if (opts.against) {
    const { seq, hash } = opts.against;
    if (seq < start.seq) {
      // The head kept lies in a stretch already exported: nothing left here to hold it against.
    } else if (seq > last) {
      return result({ kind: 'missing', seq: last + 1, entryId: null, day: null, message: `the log ends at ${last}, the backup's manifest holds head ${seq}: entries ${last + 1}–${seq} were removed since` });
    } else if (againstHash !== hash) {
      return result({ kind: 'edited', seq, entryId: null, day: null, message: `entry ${seq} differs from the head the backup's manifest kept: the chain was rewritten since` });
    }
  }
  return result(null);
}
