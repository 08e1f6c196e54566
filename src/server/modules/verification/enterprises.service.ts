// Enterprises bringing workers back (复工复产): a town issues an enterprise a registration code
// (shown once; only its keyed hash is kept); with it, on the public page, the enterprise types in
// or uploads its returning workers. Each submission becomes a verification list of kind
// `enterprise` over the town, taken in and routed like any other, as a new version of the
// enterprise's previous one (only workers not sent before become tasks). The enterprise reads back
// each of its own workers' state, masked; a wrong, expired or withdrawn code is one same 404.
import { Readable } from 'node:stream';
import { DEFAULT_SPOT_CHECK_SHARE, ENTERPRISE_CODE_INVALID_MESSAGE, type EnterpriseWorker, type PublicEnterprise } from '../../../shared/verification-checks.ts';
import type { z } from 'zod';
import type { EnterpriseCode } from '../../../shared/verification-checks.ts';
import { isRecordId } from '../../../shared/ids.ts';
import { validateIdNumber } from '../../../shared/id-number.ts';
import { normaliseMobile } from '../../../shared/normalise.ts';
import { normaliseTrackingCode } from '../../../shared/tips.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { dayIn } from '../../platform/time.ts';
import { sealUpload } from '../imports/sealed-upload.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { regionForScope } from '../regions/regions.service.ts';
import { newTrackingCode } from '../tips/tracking-code.ts';
import type { ListUpload } from './list-upload.ts';
import { createList } from './lists.service.ts';
import * as q from './verification.queries.ts';
import type { EnterpriseCodesTable } from './verification.tables.ts';

type Code = z.infer<typeof EnterpriseCode>;
const DAY = 86_400_000;
const WORKER_HEADERS = ['姓名', '身份证号', '手机号', '来源地', '到达日期', '现住址'];
const WORKER_MAPPING = { name: '姓名', idNumber: '身份证号', phone: '手机号', origin: '来源地', arrivedOn: '到达日期', address: '现住址' };
const MAX_SHOWN_WORKERS = 2_000;

const codeHash = (crypto: FieldCrypto, normalised: string) => crypto.index(`enterprise:${normalised}`);
export const invalidEnterpriseCode = () => new AppError('NOT_FOUND', ENTERPRISE_CODE_INVALID_MESSAGE, [{ path: 'code', message: 'not valid' }]);

function statusOf(row: EnterpriseCodesTable, now: string): Code['status'] {
  if (row.revoked_at) return 'revoked';
  return new Date(row.expires_at).toISOString() <= now ? 'expired' : 'active';
}

function toCode(row: EnterpriseCodesTable & { lists?: number | string | null; workers?: number | string | null }, now: string): Code {
  return {
    id: row.id,
    regionId: row.region_id,
    enterpriseName: row.enterprise_name,
    codeHint: row.code_hint,
    status: statusOf(row, now),
    expiresAt: new Date(row.expires_at).toISOString(),
    createdAt: new Date(row.created_at).toISOString(),
    lists: Number(row.lists ?? 0),
    workers: Number(row.workers ?? 0),
  };
}

export async function enterpriseCodeForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!isRecordId(id)) return null;
  const row = await q.findEnterpriseCode(db, id);
  return row ? regionForScope(db, row.region_id) : null;
}

export async function issueCode(tx: Db, deps: { ctx: AuditContext; actor: Actor; crypto: FieldCrypto }, town: ScopedRegion, input: { enterpriseName: string; validDays: number; deadlineHours: number }) {
  if (town.level !== 'town') throw unprocessable('regionId', 'a town: a town issues enterprises their codes');
  const code = newTrackingCode();
  const normalised = normaliseTrackingCode(code) as string;
  const now = nowIso();
  const row: EnterpriseCodesTable = {
    id: newId(),
    region_id: town.id,
    enterprise_name: input.enterpriseName,
    code_hash: codeHash(deps.crypto, normalised),
    code_hint: normalised.slice(-4),
    deadline_hours: input.deadlineHours,
    expires_at: new Date(Date.parse(now) + input.validDays * DAY).toISOString(),
    revoked_at: null,
    revoked_by: null,
    created_by: deps.actor.userId,
    created_at: now,
  };
  await q.insertEnterpriseCode(tx, row);
  await audit(tx, deps.ctx, { action: 'create', entity: 'enterprise_code', entityId: row.id, regionId: town.id, details: { validDays: input.validDays } });
  return { ...toCode(row, now), code };
}

export async function listCodes(db: Db, scope: ScopedRegion): Promise<{ items: Code[] }> {
  const now = nowIso();
  return { items: (await q.enterpriseCodesIn(db, scope.path, 500)).map((r) => toCode(r, now)) };
}

export async function revokeCode(tx: Db, deps: { ctx: AuditContext; actor: Actor }, id: string): Promise<Code> {
  const row = await q.findEnterpriseCode(tx, id);
  if (!row) throw notFound('enterprise code');
  const now = nowIso();
  if (Number((await q.revokeEnterpriseCode(tx, id, deps.actor.userId, now)).numUpdatedRows) === 1) {
    await audit(tx, deps.ctx, { action: 'revoke', entity: 'enterprise_code', entityId: id, regionId: row.region_id });
  }
  return toCode({ ...row, revoked_at: row.revoked_at ?? now }, now);
}

/** The code's row if it is valid now; the same refusal for a malformed, unknown, expired or withdrawn one. */
export async function validCode(db: Db, crypto: FieldCrypto, raw: string): Promise<EnterpriseCodesTable> {
  const normalised = normaliseTrackingCode(raw);
  const row = normalised ? await q.enterpriseCodeByHash(db, codeHash(crypto, normalised)) : undefined;
  if (!row || statusOf(row, nowIso()) !== 'active') throw invalidEnterpriseCode();
  return row;
}

/** Only the surname stays: the page is behind a code, not an account. */
const maskName = (name: string) => (name.length <= 1 ? name : `${name.charAt(0)}${'*'.repeat(Math.min(name.length - 1, 3))}`);

export async function enterpriseView(db: Db, code: EnterpriseCodesTable): Promise<PublicEnterprise> {
  const [lists, tasks, names] = await Promise.all([q.listsOfCode(db, code.id), q.tasksOfCode(db, code.id, MAX_SHOWN_WORKERS), regionNames(db, [code.region_id])]);
  return {
    enterpriseName: code.enterprise_name,
    townName: names.get(code.region_id) ?? '',
    expiresAt: new Date(code.expires_at).toISOString(),
    lists: lists.map((l) => ({ id: l.id, status: l.status as PublicEnterprise['lists'][number]['status'], progress: l.progress, total: l.total, error: l.error, createdAt: new Date(l.created_at).toISOString() })),
    workers: tasks.map((t) => ({
      number: t.number,
      name: maskName(t.name),
      idNumber: t.id_number_masked,
      status: t.status as PublicEnterprise['workers'][number]['status'],
      outcome: t.outcome as PublicEnterprise['workers'][number]['outcome'],
      checkedAt: t.checked_at === null ? null : new Date(t.checked_at).toISOString(),
    })),
  };
}

/** Typed-in workers, each field checked (422 naming `workers.N.field`, never echoing a number). */
export function checkWorkers(workers: readonly EnterpriseWorker[], today: string): string[][] {
  return workers.map((w, i) => {
    const id = validateIdNumber(w.idNumber, today);
    if (!id.ok) throw unprocessable(`workers.${i}.idNumber`, id.reason);
    const phone = normaliseMobile(w.phone);
    if (!phone.ok) throw unprocessable(`workers.${i}.phone`, phone.reason);
    if (w.arrivedOn > today) throw unprocessable(`workers.${i}.arrivedOn`, 'cannot be in the future');
    return [w.name, id.value, phone.value, w.origin, w.arrivedOn, w.address];
  });
}

const csvCell = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
const csvOfRows = (rows: readonly (readonly string[])[]) => Buffer.from(`${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`, 'utf8');

/** The typed-in workers as a sealed CSV upload, exactly as if the enterprise had uploaded it. */
export async function sealWorkers(crypto: FieldCrypto, dataDir: string, rows: readonly string[][]): Promise<ListUpload> {
  const ref = newId();
  const sealed = await sealUpload(crypto, dataDir, ref, Readable.from([csvOfRows([WORKER_HEADERS, ...rows])]), 16 * 1024 * 1024);
  return { ref, fileName: 'workers.csv', format: 'csv', sha256: sealed.sha256, fields: {} };
}

/** A submission's list: the enterprise's next version over its town, queued for take-in by the caller. */
export async function createEnterpriseList(tx: Db, code: EnterpriseCodesTable, upload: ListUpload, typedIn: boolean, timeZone: string): Promise<{ id: string }> {
  const previous = (await q.listsOfCode(tx, code.id)).find((l) => l.status === 'done');
  const id = newId();
  // The list is the town's: its issuer stands as its creator (the enterprise has no account).
  const creator = { userId: code.created_by, regionPath: (await regionForScope(tx, code.region_id))?.path ?? '' } as Actor;
  await createList(tx, creator, id, {
    name: `${code.enterprise_name} 返岗人员 ${dayIn(timeZone)}`.slice(0, 100),
    kind: 'enterprise',
    source: null,
    regionId: code.region_id,
    deadlineHours: code.deadline_hours,
    mapping: typedIn ? WORKER_MAPPING : null,
    replacesListId: previous?.id ?? null,
    spotCheckShare: DEFAULT_SPOT_CHECK_SHARE,
    enterpriseCodeId: code.id,
  }, upload);
  return { id };
}
