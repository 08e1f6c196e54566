// Audit entries are written with the same transaction as the change they record, so a change
// without its entry (or an entry without its change) cannot exist.
import type { FastifyRequest } from 'fastify';
import { fastInsert } from '../db/fast-insert.ts';
import type { Db } from '../db/schema.ts';
import type { AuditLogTable } from './platform.tables.ts';
import { newId, nowIso } from './ids.ts';

export interface AuditContext {
  userId: string | null;
  ip: string | null;
}

export interface AuditEntryInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  regionId?: number | null;
  /** Why a full personal record was read, in the user's words. */
  purpose?: string | null;
  /** Names of changed fields and non-personal values only. */
  details?: Record<string, unknown>;
}

export const auditContextOf = (request: FastifyRequest): AuditContext => ({
  userId: request.actor?.userId ?? null,
  ip: request.ip,
});

export async function audit(db: Db, ctx: AuditContext, entry: AuditEntryInput): Promise<void> {
  await fastInsert(db, 'audit_log', {
    id: newId(),
    at: nowIso(),
    user_id: ctx.userId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    region_id: entry.regionId ?? null,
    ip: ctx.ip,
    purpose: entry.purpose ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  } satisfies AuditLogTable);
}

/** The audited reads of the given records (an access request's 查阅记录), oldest first. */
export function readsOf(db: Db, records: { entity: string; ids: readonly string[] }[], actions: readonly string[]) {
  const wanted = records.filter((r) => r.ids.length > 0);
  if (wanted.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('audit_log')
    .select(['at', 'user_id', 'action', 'entity', 'purpose'])
    .where('action', 'in', actions)
    .where((eb) => eb.or(wanted.map((r) => eb.and([eb('entity', '=', r.entity), eb('entity_id', 'in', r.ids)]))))
    .orderBy('at')
    .orderBy('id')
    .execute();
}
