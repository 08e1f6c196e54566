// Village QR codes (扫码登记 posters): one active code per village; revoke stops it at once (the
// public side reads the database on every request), replace revokes and issues the next one.
import { randomBytes } from 'node:crypto';
import type { ArrivalCode } from '../../../shared/arrivals.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import * as q from './arrivals.queries.ts';
import type { CodeWithRegion } from './arrivals.queries.ts';
import type { ArrivalCodesTable } from './arrivals.tables.ts';

export interface CodeDeps {
  ctx: AuditContext;
  actor: Actor;
  /** The origin the poster's address starts with (config.publicUrl or the request's). */
  baseUrl: string;
}

/** 128 random bits: a token cannot be guessed, only read off a poster. */
export const newToken = (): string => randomBytes(16).toString('base64url');
export const arrivalUrl = (baseUrl: string, token: string) => `${baseUrl}/p/arrive/${token}`;

export function toCode(row: CodeWithRegion, baseUrl: string): ArrivalCode {
  return {
    id: row.id,
    regionId: row.region_id,
    regionName: row.region_name,
    token: row.token,
    url: arrivalUrl(baseUrl, row.token),
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by_name ?? null,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by_name ?? null,
    replacedBy: row.replaced_by,
    entryCount: Number(row.entry_count),
  };
}

export async function codeForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('arrival_codes as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

async function load(db: Db, id: string, baseUrl: string): Promise<ArrivalCode> {
  const row = await q.findCode(db, id);
  if (!row) throw notFound('arrival code');
  return toCode(row, baseUrl);
}

export async function listCodes(db: Db, scope: ScopedRegion, baseUrl: string, query: { status?: ArrivalCodesTable['status']; limit: number; cursor?: string }) {
  const before = decodeCursor(query.cursor);
  const rows = await q.listCodes(db, scope.path, { status: query.status, limit: query.limit, beforeId: before === undefined ? undefined : String(before) });
  return page(rows, query.limit, (r) => r.id, (r) => toCode(r, baseUrl));
}

const hasActive = () => new AppError('CONFLICT', 'This village has an active QR code: replace it to get a new one', [{ path: 'regionId', message: 'has an active code' }]);

async function insertCode(tx: Db, deps: CodeDeps, regionId: number): Promise<string> {
  const id = newId();
  try {
    await tx
      .insertInto('arrival_codes')
      .values({ id, region_id: regionId, token: newToken(), status: 'active', entry_count: 0, created_by: deps.actor.userId, created_at: nowIso(), revoked_by: null, revoked_at: null, replaced_by: null })
      .execute();
  } catch (err) {
    // Another manager's code for this village committed first (one active code per village).
    if (isUniqueViolation(err)) throw hasActive();
    throw err;
  }
  return id;
}

export async function createCode(tx: Db, deps: CodeDeps, region: ScopedRegion): Promise<ArrivalCode> {
  if (region.level !== 'village') {
    throw new AppError('UNPROCESSABLE', 'regionId: a QR code belongs to a village', [{ path: 'regionId', message: 'must be a village' }]);
  }
  if (await q.findActiveCodeOf(tx, region.id)) throw hasActive();
  const id = await insertCode(tx, deps, region.id);
  await audit(tx, deps.ctx, { action: 'create', entity: 'arrival_code', entityId: id, regionId: region.id });
  return load(tx, id, deps.baseUrl);
}

/** Revokes an active code; guarded on status so of two racing revokes the second is refused. */
async function revokeRow(tx: Db, deps: CodeDeps, id: string, replacedBy: string | null): Promise<CodeWithRegion> {
  const row = await q.findCode(tx, id);
  if (!row) throw notFound('arrival code');
  if (row.status !== 'active') throw new AppError('CONFLICT', 'This QR code has been revoked already');
  const updated = await tx
    .updateTable('arrival_codes')
    .set({ status: 'revoked', revoked_at: nowIso(), revoked_by: deps.actor.userId, replaced_by: replacedBy })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'This QR code has been revoked already');
  return row;
}

export async function revokeCode(tx: Db, deps: CodeDeps, id: string): Promise<ArrivalCode> {
  const row = await revokeRow(tx, deps, id, null);
  await audit(tx, deps.ctx, { action: 'revoke', entity: 'arrival_code', entityId: id, regionId: row.region_id });
  return load(tx, id, deps.baseUrl);
}

/** Revokes the code and issues the village's next one; answers the new code. */
export async function replaceCode(tx: Db, deps: CodeDeps, id: string): Promise<ArrivalCode> {
  const old = await q.findCode(tx, id);
  if (!old) throw notFound('arrival code');
  if (old.status !== 'active') throw new AppError('CONFLICT', 'This QR code has been revoked already');
  // The old one goes first: a village has one active code at a time.
  await revokeRow(tx, deps, id, null);
  const next = await insertCode(tx, deps, old.region_id);
  await tx.updateTable('arrival_codes').set({ replaced_by: next }).where('id', '=', id).execute();
  await audit(tx, deps.ctx, { action: 'replace', entity: 'arrival_code', entityId: id, regionId: old.region_id, details: { replacedBy: next } });
  await audit(tx, deps.ctx, { action: 'create', entity: 'arrival_code', entityId: next, regionId: old.region_id, details: { replaces: id } });
  return load(tx, next, deps.baseUrl);
}

export async function getCode(db: Db, id: string, baseUrl: string): Promise<ArrivalCode> {
  return load(db, id, baseUrl);
}
