// Correction requests (更正): what a person asked to be corrected in their record, by which staff
// member, and the outcome — corrected, or refused with the reason they are told — each step
// audited (field names only: the texts may quote numbers and are stored encrypted).
import type { Correction, CorrectionCreate, CorrectionDecision } from '../../../shared/person-access.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { displayNamesById } from '../accounts/accounts.queries.ts';
import { personRegion } from '../households/households.person-records.ts';
import type { CorrectionRequestsTable } from './person-access.tables.ts';

export interface CorrectionDeps {
  ctx: AuditContext;
  actor: Actor;
  crypto: FieldCrypto;
}

function toCorrection(crypto: FieldCrypto, r: CorrectionRequestsTable, names: Map<string, string>): Correction {
  return {
    id: r.id,
    personId: r.person_id,
    fields: typeof r.fields === 'string' ? (JSON.parse(r.fields) as string[]) : (r.fields as string[]),
    asked: crypto.decrypt(r.asked_enc),
    status: r.status,
    answer: r.answer_enc === null ? null : crypto.decrypt(r.answer_enc),
    createdBy: names.get(r.created_by) ?? null,
    createdAt: new Date(r.created_at).toISOString(),
    decidedBy: r.decided_by ? (names.get(r.decided_by) ?? null) : null,
    decidedAt: r.decided_at === null ? null : new Date(r.decided_at).toISOString(),
    version: Number(r.version),
  };
}

async function answerOf(db: Db, crypto: FieldCrypto, rows: CorrectionRequestsTable[]): Promise<Correction[]> {
  const names = await displayNamesById(db, rows.flatMap((r) => [r.created_by, r.decided_by]));
  return rows.map((r) => toCorrection(crypto, r, names));
}

/** A person's correction requests, newest first; reading them is audited like the record. */
export async function listCorrections(db: Db, deps: CorrectionDeps, personId: string): Promise<Correction[]> {
  const rows = await db.selectFrom('correction_requests').selectAll().where('person_id', '=', personId).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
  const region = await personRegion(db, personId);
  await audit(db, deps.ctx, { action: 'read_corrections', entity: 'person', entityId: personId, regionId: region });
  return answerOf(db, deps.crypto, rows);
}

export async function createCorrection(tx: Db, deps: CorrectionDeps, personId: string, input: CorrectionCreate): Promise<Correction> {
  const region = await personRegion(tx, personId);
  if (region === null) throw notFound('person');
  const row: CorrectionRequestsTable = {
    id: newId(),
    person_id: personId,
    region_id: region,
    fields: JSON.stringify([...new Set(input.fields)]),
    asked_enc: deps.crypto.encrypt(input.asked),
    status: 'pending',
    answer_enc: null,
    created_by: deps.actor.userId,
    created_at: nowIso(),
    decided_by: null,
    decided_at: null,
    version: 1,
  };
  await tx.insertInto('correction_requests').values(row).execute();
  await audit(tx, deps.ctx, { action: 'correction_request', entity: 'person', entityId: personId, regionId: region, details: { correctionId: row.id, fields: input.fields } });
  return (await answerOf(tx, deps.crypto, [row]))[0] as Correction;
}

/** Decides a pending request once: a second decision, or one made on an old version, is 409. */
export async function decideCorrection(tx: Db, deps: CorrectionDeps, personId: string, id: string, input: CorrectionDecision): Promise<Correction> {
  const row = await tx.selectFrom('correction_requests').selectAll().where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
  if (!row) throw notFound('correction request');
  if (row.status !== 'pending') throw new AppError('CONFLICT', 'this correction request has been decided', [{ path: 'outcome', message: `already ${row.status}` }]);
  const now = nowIso();
  const res = await tx
    .updateTable('correction_requests')
    .set({ status: input.outcome, answer_enc: input.answer ? deps.crypto.encrypt(input.answer) : null, decided_by: deps.actor.userId, decided_at: now, version: Number(row.version) + 1 })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('version', '=', input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'version: the request changed since you read it; reload it', [{ path: 'version', message: 'stale' }]);
  await audit(tx, deps.ctx, { action: 'correction_decided', entity: 'person', entityId: personId, regionId: row.region_id, details: { correctionId: id, outcome: input.outcome } });
  const after = await tx.selectFrom('correction_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return (await answerOf(tx, deps.crypto, [after]))[0] as Correction;
}
