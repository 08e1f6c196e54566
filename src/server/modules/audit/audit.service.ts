import type { Db } from '../../db/schema.ts';
import { type ScopedRegion } from '../../platform/access.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

interface AuditSearch {
  entity?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

function parseDetails(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function searchAudit(db: Db, scope: ScopedRegion, query: AuditSearch) {
  const isRoot = scope.path.split('/').filter(Boolean).length === 1;
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.at', 'a.user_id', 'u.username', 'a.action', 'a.entity', 'a.entity_id', 'a.region_id', 'a.ip', 'a.purpose', 'a.details'])
    // An entry belongs to the region it names; entries with none (failed sign-ins of unknown
    // names) are the county's to read.
    .where((eb) =>
      eb.or([
        eb('a.region_id', 'in', subtreeRegionIds(db, scope.path)),
        ...(isRoot ? [eb('a.region_id', 'is', null)] : []),
      ]),
    );
  if (query.entity) q = q.where('a.entity', '=', query.entity);
  if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
  if (query.userId) q = q.where('a.user_id', '=', query.userId);
  if (query.action) q = q.where('a.action', '=', query.action);
  if (query.from) q = q.where('a.at', '>=', new Date(query.from).toISOString());
  if (query.to) q = q.where('a.at', '<', new Date(query.to).toISOString());
  const after = decodeCursor(query.cursor);
  if (after !== undefined) q = q.where('a.id', '<', String(after));
  const rows = await q.orderBy('a.id', 'desc').limit(query.limit + 1).execute();
  return page(rows, query.limit, (r) => r.id, (r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    regionId: r.region_id,
    ip: r.ip,
    purpose: r.purpose,
    details: parseDetails(r.details),
  }));
}
