// Verification lists: the preview that creates nothing, a list's creation from its upload (its
// job then runs in take-in.service.ts), a list as the API shows it, the lists of a subtree.
import type { Kysely } from 'kysely';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';
import { isRecordId } from '../../../shared/ids.ts';
import { LIST_KINDS, ListMapping, type ListKind, type ListPreview, MAX_DEADLINE_HOURS, type VerificationList, defaultDeadlineHours } from '../../../shared/verification.ts';
import type { DB, Db } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { inSubtree } from '../../platform/access.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { maskIdNumber, maskPhone } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { DEFAULT_SPOT_CHECK_SHARE, MAX_SPOT_CHECK_SHARE } from '../../../shared/verification-checks.ts';
import { openUploadRows } from '../imports/row-source.ts';
import { regionForScope } from '../regions/regions.service.ts';
import { cellTexts, hasKeyColumn, headersOf, mappingFits, noKeyColumnMessage, suggestMapping } from './list-columns.ts';
import { type ListUpload, fieldError } from './list-upload.ts';
import * as q from './verification.queries.ts';
import type { VerificationListsTable } from './verification.tables.ts';

const PREVIEW_ROWS = 5;
/** A queued or running list silent this long lost its process (a restart): it is failed. */
const STALE_AFTER_MS = 3 * 60_000;

export async function previewList(db: Kysely<DB>, crypto: FieldCrypto, dataDir: string, upload: ListUpload): Promise<ListPreview> {
  const source = upload.fields.source?.trim() || null;
  const rows = await openUploadRows(crypto, dataDir, upload.ref, upload.format, IMPORT_LIMITS.persons);
  let headers: string[] | null = null;
  const sample: string[][] = [];
  try {
    for await (const raw of rows.rows) {
      if (!headers) {
        if (raw.values.every((v) => v === null || v === undefined || String(v).trim() === '')) continue;
        headers = headersOf(raw.values);
        continue;
      }
      const cells = cellTexts(raw.values, headers.length);
      if (cells.every((c) => c === '')) continue;
      sample.push(cells);
      if (sample.length >= PREVIEW_ROWS) break;
    }
  } finally {
    rows.close();
  }
  if (!headers) throw new AppError('UNPROCESSABLE', 'file: the file is empty: row 1 must hold the headers', [{ path: 'file', message: 'empty' }]);
  const remembered = source ? await q.rememberedMapping(db, source) : undefined;
  const kept = remembered ? ListMapping.safeParse(JSON.parse(remembered.mapping)) : null;
  const useRemembered = kept?.success === true && mappingFits(kept.data, headers);
  const mapping = useRemembered && kept?.success ? kept.data : suggestMapping(headers);
  if (!hasKeyColumn(mapping)) throw new AppError('UNPROCESSABLE', `file: ${noKeyColumnMessage(headers)}`, [{ path: 'file', message: 'no ID-number or name column' }, { path: 'file.columns', message: headers.join(', ') }]);
  const idAt = mapping.idNumber ? headers.indexOf(mapping.idNumber) : -1;
  const phoneAt = mapping.phone ? headers.indexOf(mapping.phone) : -1;
  // The preview shows what the columns hold, not whose numbers they are.
  const masked = sample.map((cells) => Object.fromEntries(headers.map((h, i) => [h, i === idAt && cells[i] ? maskIdNumber(cells[i]) : i === phoneAt && cells[i] ? maskPhone(cells[i]) : (cells[i] ?? '')])));
  return { headers, mapping, rows: masked, mappingFrom: useRemembered ? 'remembered' : 'suggested' };
}

export interface NewList {
  name: string;
  kind: ListKind;
  source: string | null;
  regionId: number;
  deadlineHours: number;
  mapping: ListMapping | null;
  replacesListId: string | null;
  /** Percent of closed tasks a town draws as spot checks. */
  spotCheckShare: number;
  /** Set for an enterprise's submission through its registration code. */
  enterpriseCodeId?: string;
}

/** The form's fields checked, each refusal naming its field. */
export function newListOf(fields: Record<string, string>): NewList {
  const name = (fields.name ?? '').trim();
  if (!name || name.length > 100) throw fieldError('name', 'the list’s name: 1–100 characters');
  const kind = fields.kind as ListKind;
  if (!LIST_KINDS.includes(kind)) throw fieldError('kind', `one of ${LIST_KINDS.join(', ')}`);
  if (!/^[1-9][0-9]{0,14}$/.test(fields.regionId ?? '')) throw fieldError('regionId', 'the id of the region the list covers: digits only');
  let deadlineHours = defaultDeadlineHours(kind);
  if (fields.deadlineHours !== undefined && fields.deadlineHours !== '') {
    if (!/^[0-9]{1,4}$/.test(fields.deadlineHours) || Number(fields.deadlineHours) < 1 || Number(fields.deadlineHours) > MAX_DEADLINE_HOURS) {
      throw fieldError('deadlineHours', `whole hours from 1 to ${MAX_DEADLINE_HOURS}`);
    }
    deadlineHours = Number(fields.deadlineHours);
  }
  let mapping: ListMapping | null = null;
  if (fields.mapping) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fields.mapping);
    } catch {
      throw fieldError('mapping', 'JSON: {"field": "the file’s header"}');
    }
    const checked = ListMapping.safeParse(parsed);
    if (!checked.success) throw fieldError('mapping', `JSON: {"field": "the file’s header"}, fields among name, idNumber, phone, address, origin, arrivedOn, travel, note`);
    if (!hasKeyColumn(checked.data)) throw fieldError('mapping', 'map an ID-number or a name column');
    mapping = checked.data;
  }
  const replacesListId = fields.replacesListId?.trim() || null;
  if (replacesListId !== null && !isRecordId(replacesListId)) throw fieldError('replacesListId', 'a list id');
  const source = fields.source?.trim() || null;
  if (source && source.length > 100) throw fieldError('source', 'at most 100 characters');
  let spotCheckShare = DEFAULT_SPOT_CHECK_SHARE;
  if (fields.spotCheckShare !== undefined && fields.spotCheckShare !== '') {
    if (!/^[0-9]{1,3}$/.test(fields.spotCheckShare) || Number(fields.spotCheckShare) < 1 || Number(fields.spotCheckShare) > MAX_SPOT_CHECK_SHARE) throw fieldError('spotCheckShare', `whole percent from 1 to ${MAX_SPOT_CHECK_SHARE}`);
    spotCheckShare = Number(fields.spotCheckShare);
  }
  return { name, kind, source, regionId: Number(fields.regionId), deadlineHours, mapping, replacesListId, spotCheckShare };
}

/** The list's row, queued, once its region and the list it replaces are checked against the account's subtree. */
export async function createList(tx: Db, actor: Actor, id: string, input: NewList, upload: ListUpload): Promise<{ id: string }> {
  const region = await regionForScope(tx, input.regionId);
  if (!region) throw new AppError('NOT_FOUND', 'regionId: no such region', [{ path: 'regionId', message: 'not found' }]);
  if (!inSubtree(actor.regionPath, region.path)) throw new AppError('OUT_OF_SCOPE', 'regionId: outside the region of your account', [{ path: 'regionId', message: 'outside your region' }]);
  if (input.replacesListId) {
    const old = await q.findList(tx, input.replacesListId);
    const oldRegion = old ? await regionForScope(tx, old.region_id) : null;
    if (!old || !oldRegion || !inSubtree(actor.regionPath, oldRegion.path)) throw new AppError('NOT_FOUND', 'replacesListId: no such list', [{ path: 'replacesListId', message: 'not found' }]);
    if (old.status !== 'done') throw new AppError('CONFLICT', 'replacesListId: that list was not taken in: upload it again instead', [{ path: 'replacesListId', message: 'not taken in' }]);
  }
  const now = nowIso();
  await q.insertList(tx, {
    id,
    name: input.name,
    kind: input.kind,
    source: input.source,
    region_id: region.id,
    deadline_hours: input.deadlineHours,
    replaces_list_id: input.replacesListId,
    status: 'queued',
    progress: 0,
    total: 0,
    matched: 0,
    routed: 0,
    unrouted: 0,
    flagged: 0,
    tasks: 0,
    error: null,
    file_name: upload.fileName.slice(0, 200) || null,
    headers: null,
    mapping: input.mapping ? JSON.stringify(input.mapping) : null,
    upload_ref: upload.ref,
    format: upload.format,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    finished_at: null,
    due_at: new Date(Date.parse(now) + input.deadlineHours * 3_600_000).toISOString(),
    spot_check_share: input.spotCheckShare,
    enterprise_code_id: input.enterpriseCodeId ?? null,
  });
  return { id };
}

export const toList = (row: VerificationListsTable): VerificationList => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  source: row.source,
  regionId: row.region_id,
  deadlineHours: row.deadline_hours,
  replacesListId: row.replaces_list_id,
  status: row.status,
  total: row.total,
  matched: row.matched,
  routed: row.routed,
  unrouted: row.unrouted,
  flagged: row.flagged,
  tasks: row.tasks,
  progress: row.progress,
  error: row.error,
  fileName: row.file_name,
  spotCheckShare: Number(row.spot_check_share),
  dueAt: new Date(row.due_at).toISOString(),
  createdAt: new Date(row.created_at).toISOString(),
  finishedAt: row.finished_at === null ? null : new Date(row.finished_at).toISOString(),
});

/**
 * A list the account may read (404 otherwise): one of its subtree, or (`covering`) one that
 * covers its region — a town reads the county's list for its own part of it. A job silent too
 * long is failed here.
 */
export async function readList(db: Db, actorPath: string, id: string, covering = false): Promise<VerificationListsTable> {
  const row = isRecordId(id) ? await q.findList(db, id) : undefined;
  const region = row ? await regionForScope(db, row.region_id) : null;
  const visible = region !== null && (inSubtree(actorPath, region.path) || (covering && inSubtree(region.path, actorPath)));
  if (!row || !visible) throw notFound('verification list');
  if ((row.status === 'queued' || row.status === 'running') && Date.parse(String(row.updated_at)) < Date.now() - STALE_AFTER_MS) {
    const error = 'the take-in was interrupted (the server restarted): upload the list again';
    await q.updateList(db, id, { status: 'failed', error, finished_at: nowIso() });
    return { ...row, status: 'failed', error };
  }
  return row;
}

export async function listsOf(db: Db, path: string): Promise<VerificationList[]> {
  return (await q.listsInSubtree(db, path, 200)).map(toList);
}
