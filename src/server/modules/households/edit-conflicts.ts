// Clashes of offline edits: the server kept its value; the proposed one waits, encrypted, for
// the grid leader to resolve.
import type { HouseholdPatch, PersonPatch } from '../../../shared/households.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { type FieldCrypto, maskIdNumber, maskPhone } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { patchHousehold, toHousehold } from './households.service.ts';
import { subtreeRegionIds } from './households.queries.ts';
import { patchPerson } from './persons-edit.service.ts';
import { toPerson } from './persons.service.ts';
import { displayNamesById } from '../accounts/accounts.queries.ts';

export async function recordClashes(
  tx: Db,
  crypto: FieldCrypto,
  actor: Actor,
  target: { entity: string; entityId: string; regionId: number },
  clashes: [string, unknown][],
) {
  for (const [field, proposed] of clashes) {
    await tx
      .insertInto('edit_conflicts')
      .values({
        id: newId(),
        entity: target.entity,
        entity_id: target.entityId,
        region_id: target.regionId,
        field,
        proposed_enc: crypto.encrypt(JSON.stringify(proposed ?? null)),
        user_id: actor.userId,
        at: nowIso(),
        resolved_at: null,
        resolved_by: null,
        resolution: null,
      })
      .execute();
  }
}

export async function conflictForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('edit_conflicts as c')
    .innerJoin('regions as r', 'r.id', 'c.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('c.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

const masked = (field: string, value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  if (field === 'idNumber') return maskIdNumber(value);
  if (field === 'phone' || field === 'landlordPhone') return maskPhone(value);
  return value;
};

/** The field's value now (masked), plus which record it is: a name or an address, and its household. */
async function currentOf(db: Db, crypto: FieldCrypto, entity: string, entityId: string, field: string) {
  if (entity === 'person') {
    const row = await db.selectFrom('persons').selectAll().where('id', '=', entityId).executeTakeFirst();
    if (!row) return { value: null, label: null, householdId: null };
    return { value: (toPerson(row, crypto, false) as Record<string, unknown>)[field], label: row.name, householdId: row.household_id };
  }
  const row = await db.selectFrom('households').selectAll().where('id', '=', entityId).executeTakeFirst();
  if (!row) return { value: null, label: null, householdId: null };
  return { value: (toHousehold(row, crypto, false) as Record<string, unknown>)[field], label: row.address, householdId: row.id };
}

export async function listConflicts(db: Db, crypto: FieldCrypto, scope: ScopedRegion) {
  const rows = await db
    .selectFrom('edit_conflicts')
    .selectAll()
    .where('region_id', 'in', subtreeRegionIds(db, scope.path))
    .where('resolved_at', 'is', null)
    .orderBy('at')
    .limit(500)
    .execute();
  const nameOf = await displayNamesById(db, rows.map((r) => r.user_id));
  const items = [];
  for (const r of rows) {
    const now = await currentOf(db, crypto, r.entity, r.entity_id, r.field);
    items.push({
      id: r.id,
      entity: r.entity as 'household' | 'person',
      entityId: r.entity_id,
      regionId: r.region_id,
      field: r.field,
      proposed: masked(r.field, JSON.parse(crypto.decrypt(r.proposed_enc))),
      current: now.value,
      label: now.label,
      householdId: now.householdId,
      userId: r.user_id,
      userName: r.user_id ? nameOf.get(r.user_id) ?? null : null,
      at: r.at,
    });
  }
  return { items, nextCursor: null };
}

export async function resolveConflict(tx: Db, ctx: AuditContext, crypto: FieldCrypto, actor: Actor, id: string, resolution: 'take' | 'keep', today: string) {
  const row = await tx.selectFrom('edit_conflicts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('edit conflict');
  if (row.resolved_at) throw new AppError('CONFLICT', 'This clash was already resolved', [{ path: 'id', message: 'already resolved' }]);
  if (resolution === 'take') {
    const proposed: unknown = JSON.parse(crypto.decrypt(row.proposed_enc));
    const table = row.entity === 'person' ? 'persons' : 'households';
    const current = await tx.selectFrom(table).select('version').where('id', '=', row.entity_id).executeTakeFirst();
    if (!current) throw notFound(row.entity);
    // Applied as an edit based on the current version: it merges, audits and versions as usual.
    const patch = { baseVersion: current.version, [row.field]: proposed };
    if (row.entity === 'person') await patchPerson(tx, ctx, crypto, actor, row.entity_id, patch as PersonPatch, today);
    else await patchHousehold(tx, ctx, crypto, actor, row.entity_id, patch as HouseholdPatch, null);
  }
  await tx.updateTable('edit_conflicts').set({ resolved_at: nowIso(), resolved_by: actor.userId, resolution }).where('id', '=', id).execute();
  await audit(tx, ctx, { action: 'resolve_conflict', entity: row.entity, entityId: row.entity_id, regionId: row.region_id, details: { field: row.field, resolution } });
  return { id, resolution };
}
