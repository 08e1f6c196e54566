// Households, keyed on the dwelling: create (with a client-made id, so a resent offline
// create is the same household), read, list by subtree, and field-merging edits.
import { dwellingSortKey } from '../../../shared/address.ts';
import type { Household, HouseholdCreate, HouseholdPatch } from '../../../shared/households.ts';
import type { Db } from '../../db/schema.ts';
import { fromBool, isUniqueViolation, toBool } from '../../db/dialect.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { type FieldCrypto, maskPhone } from '../../platform/crypto.ts';
import type { RevealGrant } from '../../platform/reveal.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeRegionCursor, page, regionCursorKey, regionOrderedReads } from '../../platform/paging.ts';
import { readPageWithTotal, totalReads } from '../../platform/list-total.ts';
import { counterOverBoundQuery } from '../stats/subtree-counter.ts';
import { addDays } from '../../platform/time.ts';
import { mergeAgainstBase, recordChange } from '../../platform/versioned.ts';
import * as q from './households.queries.ts';
import { termSearchOf } from './search-terms.ts';
import { countHouseholds } from './people-counters.ts';
import type { HouseholdRow } from './households.tables.ts';
import { storePhone } from './person-identity.ts';
import { recordClashes } from './edit-conflicts.ts';
import { changeValuesOf } from './change-history.ts';

export function toHousehold(row: HouseholdRow & { member_count?: number | string | null }, crypto: FieldCrypto, reveal: boolean): Household {
  return {
    id: row.id,
    regionId: row.region_id,
    address: row.address,
    building: row.building,
    unit: row.unit,
    room: row.room,
    isRental: toBool(row.is_rental),
    landlordName: row.landlord_name,
    landlordPhone: landlordPhoneOf(row, crypto, reveal),
    ...(row.member_count != null ? { memberCount: Number(row.member_count) } : {}),
    lastVisitedOn: row.last_visited_on,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

// Landlord phones are few and shown masked; decrypting to mask keeps one stored column.
function landlordPhoneOf(row: HouseholdRow, crypto: FieldCrypto, reveal: boolean): string | null {
  if (!row.landlord_phone_enc) return null;
  const phone = crypto.decrypt(row.landlord_phone_enc);
  return reveal ? phone : maskPhone(phone);
}

export async function householdForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('households as h')
    .innerJoin('regions as r', 'r.id', 'h.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('h.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

function assertHouseholdRegion(region: ScopedRegion) {
  if (region.level !== 'grid' && region.level !== 'microgrid') {
    throw new AppError('UNPROCESSABLE', 'regionId: a household belongs to a grid or micro-grid', [
      { path: 'regionId', message: 'must be a grid or micro-grid' },
    ]);
  }
}

export async function createHousehold(tx: Db, ctx: AuditContext, crypto: FieldCrypto, region: ScopedRegion, input: HouseholdCreate): Promise<Household> {
  assertHouseholdRegion(region);
  const now = nowIso();
  const phone = input.landlordPhone ? storePhone(crypto, input.landlordPhone, 'landlordPhone') : null;
  const row: HouseholdRow = {
    id: input.id ?? newId(),
    region_id: input.regionId,
    address: input.address,
    building: input.building ?? null,
    unit: input.unit ?? null,
    room: input.room ?? null,
    sort_key: dwellingSortKey(input),
    is_rental: fromBool(input.isRental),
    landlord_name: input.landlordName ?? null,
    landlord_phone_enc: phone?.enc ?? null,
    landlord_phone_hash: phone?.hash ?? null,
    last_visited_on: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  try {
    await tx.insertInto('households').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'id: a household with this id exists', [{ path: 'id', message: 'already exists' }]);
    throw err;
  }
  await countHouseholds(tx, row.region_id, 1);
  await audit(tx, ctx, { action: 'create', entity: 'household', entityId: row.id, regionId: row.region_id });
  return toHousehold({ ...row, member_count: 0 }, crypto, false);
}

/** One household, audited as a read (or, with a grant to reveal the landlord's phone, a reveal with its purpose). */
export async function getHousehold(db: Db, ctx: AuditContext, crypto: FieldCrypto, id: string, grant: RevealGrant): Promise<Household> {
  const row = await q.findHousehold(db, id);
  if (!row) throw notFound('household');
  await audit(db, ctx, { action: grant.reveal ? 'reveal' : 'read', entity: 'household', entityId: id, regionId: row.region_id, purpose: grant.purpose });
  return toHousehold(row, crypto, grant.reveal);
}

/** A cursor holds the last row's grid, sort key and id; the key never holds \0. */
function afterOf(cursor: string | undefined): q.HouseholdAfter | undefined {
  const after = decodeRegionCursor(cursor, 2);
  return after && { regionId: after.regionId, key: { sortKey: after.key[0]!, id: after.key[1]! } };
}

/** q= is a part of the address: two characters or more go by the address term index (search_terms). */
async function addressFilterOf(db: Db, text: string, path: string): Promise<q.HouseholdFilters['address']> {
  return (await termSearchOf(db, 'a', text, path)) ?? { char: text.replace(/\s+/g, '') };
}

export async function listHouseholds(
  db: Db,
  crypto: FieldCrypto,
  scope: ScopedRegion,
  today: string,
  query: { q?: string; notVisitedForDays?: number; limit: number; cursor?: string },
  /** Full landlord phones: only the export passes it, after revealGrant and its audit entry. */
  reveal = false,
) {
  const filters = { address: query.q ? await addressFilterOf(db, query.q, scope.path) : undefined, notVisitedBefore: query.notVisitedForDays === undefined ? undefined : addDays(today, -query.notVisitedForDays) };
  const unfiltered = filters.address === undefined && filters.notVisitedBefore === undefined;
  // The page's reads and, on a first page, the counter and the bounded count: one job (list-total.ts).
  const after = afterOf(query.cursor);
  const pageReads = regionOrderedReads(after, query.limit, q.householdsPageQueries(db, scope.path, filters));
  const over = unfiltered ? counterOverBoundQuery(db, { regionId: scope.id, path: scope.path, metric: 'households' }) : undefined;
  const { results, total } = await readPageWithTotal(db, pageReads.queries, totalReads(db, query.cursor, q.householdsFiltered(db, scope.path, filters).orderBy('h.region_id'), true, over));
  const rows = pageReads.rowsOf(results) as HouseholdPageRow[];
  return { ...page(rows, query.limit, (r) => regionCursorKey(r.region_id, r.sort_key ?? '', r.id), (r) => toHousehold(r, crypto, reveal)), total };
}

type HouseholdPageRow = HouseholdRow & { member_count: number | string | null };

type HouseholdValues = Omit<HouseholdPatch, 'baseVersion'>;

export async function patchHousehold(
  tx: Db,
  ctx: AuditContext,
  crypto: FieldCrypto,
  actor: Actor,
  id: string,
  patch: HouseholdPatch,
  newRegion: ScopedRegion | null,
) {
  const row = await q.findHousehold(tx, id);
  if (!row) throw notFound('household');
  if (newRegion && patch.regionId !== undefined && patch.regionId !== row.region_id) assertHouseholdRegion(newRegion);
  const { baseVersion, ...proposed } = patch;
  const { regionId, address, building, unit, room, isRental, landlordName, landlordPhone } = toHousehold(row, crypto, true);
  const current: HouseholdValues = { regionId, address, building, unit, room, isRental, landlordName, landlordPhone };
  const { apply, clashes } = await mergeAgainstBase<HouseholdValues>(tx, 'household', id, { version: row.version, values: current }, baseVersion, proposed);
  const changed = Object.keys(apply);
  if (changed.length) {
    const phone = apply.landlordPhone ? storePhone(crypto, apply.landlordPhone, 'landlordPhone') : null;
    await tx
      .updateTable('households')
      .set({
        ...(apply.regionId !== undefined ? { region_id: apply.regionId } : {}),
        ...(apply.address !== undefined ? { address: apply.address } : {}),
        ...(apply.building !== undefined ? { building: apply.building } : {}),
        ...(apply.unit !== undefined ? { unit: apply.unit } : {}),
        ...(apply.room !== undefined ? { room: apply.room } : {}),
        ...(apply.address !== undefined || apply.building !== undefined || apply.unit !== undefined || apply.room !== undefined
          ? { sort_key: dwellingSortKey({ address: apply.address ?? row.address, building: apply.building === undefined ? row.building : apply.building, unit: apply.unit === undefined ? row.unit : apply.unit, room: apply.room === undefined ? row.room : apply.room }) }
          : {}),
        ...(apply.isRental !== undefined ? { is_rental: fromBool(apply.isRental) } : {}),
        ...(apply.landlordName !== undefined ? { landlord_name: apply.landlordName } : {}),
        ...(apply.landlordPhone !== undefined ? { landlord_phone_enc: phone?.enc ?? null, landlord_phone_hash: phone?.hash ?? null } : {}),
        version: row.version + 1,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    if (apply.regionId !== undefined && apply.regionId !== row.region_id) {
      await countHouseholds(tx, row.region_id, -1);
      await countHouseholds(tx, apply.regionId, 1);
    }
    const after = await q.findHousehold(tx, id);
    if (!after) throw notFound('household');
    const { regionId: r2, address: a2, building: b2, unit: u2, room: ro2, isRental: i2, landlordName: n2, landlordPhone: p2 } = toHousehold(after, crypto, true);
    const next: HouseholdValues = { regionId: r2, address: a2, building: b2, unit: u2, room: ro2, isRental: i2, landlordName: n2, landlordPhone: p2 };
    await recordChange(tx, 'household', id, row.version + 1, changed, actor.userId, changeValuesOf(crypto, current, next, changed));
    await audit(tx, ctx, { action: 'update', entity: 'household', entityId: id, regionId: apply.regionId ?? row.region_id, details: { fields: changed } });
  }
  await recordClashes(tx, crypto, actor, { entity: 'household', entityId: id, regionId: row.region_id }, clashes.map((f) => [f, proposed[f]]));
  const updated = await q.findHousehold(tx, id);
  if (!updated) throw notFound('household');
  return { ...toHousehold(updated, crypto, false), clashes };
}
