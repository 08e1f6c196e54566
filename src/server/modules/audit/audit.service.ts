import type { Db } from '../../db/schema.ts';
import { type EntityKind, type ScopedRegion } from '../../platform/access.ts';
import type { EntityScopes } from '../../platform/scope.ts';
import { UUID_RE } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { usernamesById } from '../accounts/accounts.queries.ts';
import { inLevelledSubtree } from '../regions/regions.queries.ts';
import { levelOfPath } from '../../../shared/region-path.ts';

type Named = { name: string; householdId?: string | null };

/**
 * The names of a page's entries, one query per entity kind on the page (a page is at most a few
 * hundred entries), each asked of the module that owns the kind (its definition's `names`).
 */
async function entityNames(db: Db, entities: EntityScopes, rows: { entity: string; entity_id: string | null }[]): Promise<Map<string, Named>> {
  const idsByKind = new Map<EntityKind, Set<string>>();
  const isKind = (entity: string): entity is EntityKind => Object.hasOwn(entities, entity);
  for (const r of rows) {
    const kind = r.entity;
    if (!isKind(kind) || !r.entity_id) continue;
    const scope = entities[kind];
    if (!scope.names) continue;
    // Each kind's ids in its own spelling: anything else names no record (and is not queried).
    const wellFormed = scope.idFormat === 'region' ? /^\d{1,12}$/.test(r.entity_id) : UUID_RE.test(r.entity_id);
    if (!wellFormed) continue;
    const ids = idsByKind.get(kind) ?? new Set<string>();
    idsByKind.set(kind, ids.add(r.entity_id));
  }
  const out = new Map<string, Named>();
  for (const [kind, ids] of idsByKind) {
    for (const r of (await entities[kind].names?.(db, [...ids])) ?? []) {
      if (r.name) out.set(`${kind}:${r.id}`, { name: r.name, householdId: r.householdId ?? null });
    }
  }
  return out;
}

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

/**
 * The reads of an audit page, newest first, each fetching `limit + 1` entries: the entries of
 * the scope's subtree (its level column's index range, platform/region-levels.ts) and, for the
 * root, the entries that name no region (failed sign-ins of unknown names are the county's to
 * read). Two index walks merged in code: one OR-ed condition would make both databases gather
 * and sort every entry of the county.
 */
export function auditPageQueries(db: Db, scope: ScopedRegion, query: Omit<AuditSearch, 'limit' | 'cursor'> & { before?: string; limit: number }) {
  const isRoot = levelOfPath(scope.path) === 'county';
  const read = (where: ReturnType<typeof inLevelledSubtree>) => {
    let q = db
      .selectFrom('audit_log as a')
      .select(['a.id', 'a.at', 'a.user_id', 'a.action', 'a.entity', 'a.entity_id', 'a.region_id', 'a.ip', 'a.purpose', 'a.details'])
      .where(where);
    if (query.entity) q = q.where('a.entity', '=', query.entity);
    if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
    if (query.userId) q = q.where('a.user_id', '=', query.userId);
    if (query.action) q = q.where('a.action', '=', query.action);
    if (query.from) q = q.where('a.at', '>=', new Date(query.from).toISOString());
    if (query.to) q = q.where('a.at', '<', new Date(query.to).toISOString());
    if (query.before !== undefined) q = q.where('a.id', '<', query.before);
    return q.orderBy('a.id', 'desc').limit(query.limit + 1);
  };
  return [read(inLevelledSubtree(db, scope.path, 'a')), ...(isRoot ? [read((eb) => eb('a.region_id', 'is', null))] : [])];
}

export async function searchAudit(db: Db, entities: EntityScopes, scope: ScopedRegion, query: AuditSearch) {
  const after = decodeCursor(query.cursor);
  const reads = auditPageQueries(db, scope, { ...query, before: after === undefined ? undefined : String(after) });
  const rows = (await Promise.all(reads.map((r) => r.execute())))
    .flat()
    .sort((x, y) => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0))
    .slice(0, query.limit + 1);
  const shown = rows.slice(0, query.limit);
  const names = await entityNames(db, entities, shown);
  const usernames = await usernamesById(db, shown.flatMap((r) => (r.user_id ? [r.user_id] : [])));
  return page(rows, query.limit, (r) => r.id, (r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: (r.user_id && usernames.get(r.user_id)) ?? null,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    regionId: r.region_id,
    entityName: names.get(`${r.entity}:${r.entity_id}`)?.name ?? null,
    entityHouseholdId: names.get(`${r.entity}:${r.entity_id}`)?.householdId ?? null,
    ip: r.ip,
    purpose: r.purpose,
    details: parseDetails(r.details),
  }));
}
