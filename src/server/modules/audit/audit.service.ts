import type { Db } from '../../db/schema.ts';
import { type ScopedRegion, subtreeRange } from '../../platform/access.ts';
import { UUID_RE } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';

type Named = { name: string; householdId?: string | null };

/**
 * The names of a page's entries, one query per entity type on the page (a page is at most a few
 * hundred entries). Names only: nothing personal beyond what the lists already show.
 */
async function entityNames(db: Db, rows: { entity: string; entity_id: string | null }[]): Promise<Map<string, Named>> {
  const idsOf = (entity: string) => [...new Set(rows.filter((r) => r.entity === entity && r.entity_id).map((r) => r.entity_id as string))];
  const out = new Map<string, Named>();
  const put = (entity: string, list: { id: string | number; name: string | null; householdId?: string | null }[]) => {
    for (const r of list) if (r.name) out.set(`${entity}:${r.id}`, { name: r.name, householdId: r.householdId ?? null });
  };
  const uuids = (entity: string) => idsOf(entity).filter((id) => UUID_RE.test(id));
  const persons = uuids('person');
  if (persons.length) put('person', await db.selectFrom('persons').select(['id', 'name', 'household_id as householdId']).where('id', 'in', persons).execute());
  const households = uuids('household');
  if (households.length) {
    const found = await db.selectFrom('households').select(['id', 'address', 'building', 'unit', 'room']).where('id', 'in', households).execute();
    put('household', found.map((h) => ({ id: h.id, name: [h.address, h.building, h.unit, h.room].filter(Boolean).join(' ') })));
  }
  const regions = idsOf('region').filter((id) => /^\d{1,12}$/.test(id)).map(Number);
  if (regions.length) put('region', await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', regions).execute());
  const users = uuids('user');
  if (users.length) put('user', (await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', users).execute()).map((u) => ({ id: u.id, name: `${u.display_name}（${u.username}）` })));
  const checkpoints = uuids('checkpoint');
  if (checkpoints.length) put('checkpoint', await db.selectFrom('checkpoints').select(['id', 'name']).where('id', 'in', checkpoints).execute());
  const orders = uuids('quarantine');
  if (orders.length) {
    put('quarantine', await db.selectFrom('quarantine_orders as o').innerJoin('persons as p', 'p.id', 'o.person_id').select(['o.id', 'p.name']).where('o.id', 'in', orders).execute());
  }
  const alerts = uuids('quarantine_alert');
  if (alerts.length) {
    put(
      'quarantine_alert',
      await db
        .selectFrom('quarantine_alerts as a')
        .innerJoin('quarantine_orders as o', 'o.id', 'a.order_id')
        .innerJoin('persons as p', 'p.id', 'o.person_id')
        .select(['a.id', 'p.name'])
        .where('a.id', 'in', alerts)
        .execute(),
    );
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
  const names = await entityNames(db, rows.slice(0, query.limit));
  return page(rows, query.limit, (r) => r.id, (r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
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
