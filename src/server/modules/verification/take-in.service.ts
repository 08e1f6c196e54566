// Taking a list in, in the background like the people import (the same queue):
//   1. reading: the sealed upload streamed row by row through the list's mapping; every row is
//      kept (sealed) for the feedback workbook; rows with a malformed ID number or phone are
//      flagged, not dropped; the same person twice makes one task;
//   2. routing: registered people (keyed hash of ID number, then phone) → their household's
//      region; else the address (address-router.ts) → a grid or village; else the pool (the
//      list's own region) for a person to assign;
//   3. writing: one transaction inserts the tasks and rows and finishes the list, so a failed
//      take-in leaves nothing but the failed list and its reason.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';
import type { ListMapping } from '../../../shared/verification.ts';
import type { DB, Db } from '../../db/schema.ts';
import { bulkInsert } from '../../db/fast-insert.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { type FieldCrypto, maskIdNumber, maskPhone } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { takeNumbers } from '../../platform/record-numbers.ts';
import { dayIn } from '../../platform/time.ts';
import { dwellingAddresses, residentsByHash } from '../households/persons.queries.ts';
import { ImportRefusal } from '../imports/import-refusal.ts';
import { openUploadRows } from '../imports/row-source.ts';
import { removeUpload } from '../imports/sealed-upload.ts';
import { findRegion, regionsInSubtree } from '../regions/regions.queries.ts';
import { AddressRouter, ROUTE_THRESHOLD, type RouterRegion } from './address-router.ts';
import { cellTexts, columnIndexes, hasKeyColumn, headersOf, noKeyColumnMessage, suggestMapping } from './list-columns.ts';
import { type ListRow, parseListRow, personKeyOf } from './list-row.ts';
import * as q from './verification.queries.ts';
import { TaskCounterBatch } from './task-counters.ts';
import type { VerificationTasksTable } from './verification.tables.ts';

export interface TakeInDeps {
  db: Kysely<DB>;
  crypto: FieldCrypto;
  dataDir: string;
  log: FastifyBaseLogger;
  timeZone: string;
}

export interface TakeInJob {
  listId: string;
  audit: AuditContext;
}

/** Why a list could not be taken in, in words for the uploader (never a cell's content). */
class ListRefused extends Error {}

const HASH_CHUNK = 500;
const PROGRESS_EVERY = 5_000;

interface Candidate {
  row: ListRow;
  key: string;
  taskId: string;
  regionId: number;
  personId: string | null;
  routedBy: 'person' | 'address' | null;
  reason: string;
  score: number | null;
}

export async function runTakeIn(deps: TakeInDeps, job: TakeInJob): Promise<void> {
  const { db } = deps;
  if (!(await q.updateList(db, job.listId, { status: 'running' }, 'queued'))) return;
  const list = await q.findList(db, job.listId);
  if (!list || !list.upload_ref) return;
  try {
    const read = await readList(deps, list);
    await q.updateList(db, list.id, { progress: 700 });
    const region = await regionPathOf(db, list.region_id);
    const replaced = list.replaces_list_id ? await q.taskKeysOfVersions(db, list.replaces_list_id) : new Map<string, string>();
    const fresh = read.candidates.filter((c) => !replaced.has(c.key));
    const regions = await regionsInSubtree(db, region.path, ['id', 'name', 'level', 'path']);
    const matched = await routeByPerson(db, deps.crypto, new Set(regions.map((r) => r.id)), fresh);
    await q.updateList(db, list.id, { progress: 800 });
    await routeByAddress(db, region, regions, fresh);
    await q.updateList(db, list.id, { progress: 900 });
    const routed = fresh.filter((c) => c.routedBy !== null).length;
    await db.transaction().execute(async (tx) => {
      const numbers = await takeNumbers(tx, 'verification', dayIn(deps.timeZone), fresh.length);
      const now = nowIso();
      const tasks = fresh.map((c, i) => taskRow(deps.crypto, list, c, numbers[i] as string, now));
      await bulkInsert(tx, 'verification_tasks', tasks as unknown as Record<string, string | number | null>[]);
      const counters = new TaskCounterBatch();
      for (const t of tasks) counters.change(null, t);
      await counters.apply(tx);
      // Each row points at its task: its own, the first of its repeats', or the replaced list's.
      const rows = read.rows.map((r) => ({
        id: newId(),
        list_id: list.id,
        row_no: r.rowNo,
        cells_enc: deps.crypto.encrypt(JSON.stringify(r.cells)),
        task_id: r.key === null ? null : (replaced.get(r.key) ?? read.taskOfKey.get(r.key) ?? null),
      }));
      await bulkInsert(tx, 'verification_rows', rows);
      const counts = { total: read.total, matched, routed, unrouted: fresh.length - routed, flagged: read.flagged, tasks: fresh.length };
      await q.updateList(tx, list.id, { ...counts, status: 'done', progress: 1000, headers: JSON.stringify(read.headers), mapping: JSON.stringify(read.mapping), upload_ref: null, finished_at: now });
      if (list.source) await q.rememberMapping(tx, list.source, JSON.stringify(read.mapping));
      await audit(tx, job.audit, { action: 'import', entity: 'verification_list', entityId: list.id, regionId: list.region_id, details: { kind: list.kind, ...counts } });
    });
    removeUpload(deps.dataDir, list.upload_ref);
  } catch (err) {
    const known = err instanceof ListRefused || err instanceof AppError;
    if (!known) deps.log.error({ err, listId: list.id }, 'verification list take-in failed');
    const message = err instanceof ImportRefusal ? err.jobMessage : known ? (err as Error).message : 'the list could not be taken in on the server; it has been logged: upload it again';
    await q.updateList(db, list.id, { status: 'failed', error: message, upload_ref: null, finished_at: nowIso() }).catch(() => undefined);
    removeUpload(deps.dataDir, list.upload_ref);
  }
}

async function regionPathOf(db: Db, regionId: number): Promise<{ id: number; path: string }> {
  const region = await findRegion(db, regionId);
  if (!region) throw new ListRefused('the list’s region no longer exists');
  return region;
}

interface ReadList {
  headers: string[];
  mapping: ListMapping;
  total: number;
  flagged: number;
  rows: { rowNo: number; cells: string[]; key: string | null }[];
  candidates: Candidate[];
  taskOfKey: Map<string, string>;
}

async function readList(deps: TakeInDeps, list: NonNullable<Awaited<ReturnType<typeof q.findList>>>): Promise<ReadList> {
  const upload = await openUploadRows(deps.crypto, deps.dataDir, list.upload_ref as string, list.format as 'xlsx' | 'csv', IMPORT_LIMITS.persons);
  const today = dayIn(deps.timeZone);
  const out: ReadList = { headers: [], mapping: {}, total: 0, flagged: 0, rows: [], candidates: [], taskOfKey: new Map() };
  let columns: ReturnType<typeof columnIndexes> | null = null;
  try {
    for await (const raw of upload.rows) {
      if (!columns) {
        if (raw.values.every((v) => v === null || v === undefined || String(v).trim() === '')) continue;
        out.headers = headersOf(raw.values);
        const given = list.mapping ? (JSON.parse(list.mapping) as ListMapping) : null;
        out.mapping = given ?? suggestMapping(out.headers);
        const missing = Object.entries(out.mapping).filter(([, h]) => !out.headers.includes(h as string));
        if (missing.length) throw new ListRefused(`mapping: the file has no column ${missing.map(([, h]) => h).join(', ')}; the columns found: ${out.headers.join(', ')}`);
        if (!hasKeyColumn(out.mapping)) throw new ListRefused(noKeyColumnMessage(out.headers));
        columns = columnIndexes(out.mapping, out.headers);
        continue;
      }
      const cells = cellTexts(raw.values, out.headers.length);
      if (cells.every((c) => c === '')) continue;
      out.total += 1;
      const row = parseListRow(cells, columns, today);
      const key = row ? deps.crypto.index(personKeyOf(row)) : null;
      out.rows.push({ rowNo: raw.row, cells, key });
      if (!row || key === null) continue;
      if (row.flags.length) out.flagged += 1;
      if (!out.taskOfKey.has(key)) {
        const taskId = newId();
        out.taskOfKey.set(key, taskId);
        out.candidates.push({ row, key, taskId, regionId: list.region_id, personId: null, routedBy: null, reason: 'unrouted: no registered person or address matched', score: null });
      }
      if (out.total % PROGRESS_EVERY === 0) await q.updateList(deps.db, list.id, { total: out.total, progress: Math.min(699, Math.floor(upload.progress() * 700)) });
    }
  } finally {
    upload.close();
  }
  if (!columns) throw new ListRefused('the file is empty: row 1 must hold the headers');
  if (out.candidates.length === 0) throw new ListRefused('the list has no usable rows: each row needs a name or an ID number');
  return out;
}

/** Registered people in the list's subtree, by ID number first, then phone; answers how many matched. */
async function routeByPerson(db: Db, crypto: FieldCrypto, subtree: ReadonlySet<number>, candidates: Candidate[]): Promise<number> {
  let matched = 0;
  const pass = async (column: 'id_number_hash' | 'phone_hash', valueOf: (r: ListRow) => string | null, label: string) => {
    const byHash = new Map<string, Candidate[]>();
    for (const c of candidates) {
      if (c.routedBy !== null) continue;
      const value = valueOf(c.row);
      if (!value) continue;
      const hash = crypto.index(value);
      const list = byHash.get(hash) ?? [];
      if (list.length === 0) byHash.set(hash, list);
      list.push(c);
    }
    const hashes = [...byHash.keys()];
    for (let i = 0; i < hashes.length; i += HASH_CHUNK) {
      const found = await residentsByHash(db, column, hashes.slice(i, i + HASH_CHUNK));
      for (const person of found) {
        // Registered outside the list's subtree: not this list's to route there.
        if (!subtree.has(person.region_id)) continue;
        for (const c of byHash.get(String(person.hash)) ?? []) {
          if (c.routedBy !== null) continue;
          c.routedBy = 'person';
          c.personId = person.id;
          c.regionId = person.household_region_id ?? person.region_id;
          c.reason = `registered person found by ${label}: routed to their household's grid`;
          matched += 1;
        }
      }
    }
  };
  await pass('id_number_hash', (r) => (r.idValid ? r.idNumber : null), 'ID number');
  await pass('phone_hash', (r) => (r.phoneValid ? r.phone : null), 'phone');
  return matched;
}

async function routeByAddress(db: Db, region: { path: string }, regions: readonly RouterRegion[], candidates: Candidate[]): Promise<void> {
  const pending = candidates.filter((c) => c.routedBy === null && c.row.address);
  if (pending.length === 0) return;
  const addresses = await dwellingAddresses(db, region.path);
  const router = new AddressRouter(regions, addresses);
  for (const c of pending) {
    const match = router.match(c.row.address);
    if (!match || match.score < ROUTE_THRESHOLD) continue;
    c.routedBy = 'address';
    c.regionId = match.regionId;
    c.score = match.score;
    c.reason = match.by === 'dwelling' ? `address matched a registered dwelling of ${match.regionName} (score ${match.score})` : `address names ${match.regionName} (score ${match.score})`;
  }
}

function taskRow(crypto: FieldCrypto, list: { id: string; due_at: string }, c: Candidate, number: string, now: string): VerificationTasksTable {
  const r = c.row;
  return {
    id: c.taskId,
    number,
    list_id: list.id,
    region_id: c.regionId,
    name: r.name,
    id_number_enc: r.idNumber ? crypto.encrypt(r.idNumber) : null,
    id_number_hash: r.idNumber && r.idValid ? crypto.index(r.idNumber) : null,
    id_number_masked: r.idNumber ? maskIdNumber(r.idNumber) : null,
    phone_enc: r.phone ? crypto.encrypt(r.phone) : null,
    phone_hash: r.phone && r.phoneValid ? crypto.index(r.phone) : null,
    phone_masked: r.phone ? maskPhone(r.phone) : null,
    address: r.address,
    origin: r.origin,
    arrived_on: r.arrivedOn,
    travel: r.travel,
    list_note: r.note,
    flags: r.flags.length ? r.flags.join(',') : null,
    person_key: c.key,
    person_id: c.personId,
    routed_by: c.routedBy,
    route_reason: c.reason,
    route_score: c.score,
    status: 'open',
    outcome: null,
    outcome_note: null,
    moved_to: null,
    left_on: null,
    duplicate_of: null,
    recorded_by: null,
    checked_at: null,
    reviewed_by: null,
    reviewed_at: null,
    review_note: null,
    due_at: list.due_at,
    created_at: now,
    updated_at: now,
    version: 1,
    escalation_level: 0,
    escalated_to_region_id: null,
    escalated_at: null,
  };
}
