// Editing a person: field-level merge against the version the editor saw (offline phones),
// re-validating ID and phone numbers, and keeping one person per ID number.
import type { PersonPatch } from '../../../shared/households.ts';
import { keyPersonIssues } from '../../../shared/person-rules.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { mergeAgainstBase, recordChange } from '../../platform/versioned.ts';
import { changeValuesOf } from './change-history.ts';
import { recordClashes } from './edit-conflicts.ts';
import type { PersonRow } from './households.tables.ts';
import { countPersonChange, countStateOf } from './people-counters.ts';
import { storeIdNumber, storePhone } from './person-identity.ts';
import * as q from './persons.queries.ts';
import { recomputePersonRisk } from '../risk/risk.compute.ts';
import { personRegionChanged } from '../responsibility/responsibility.service.ts';
import { assertIdNumberFree, assertPersonRules, ownColumnsOf, toPerson } from './persons.service.ts';

type PersonValues = Omit<PersonPatch, 'baseVersion'>;

/** The editable fields as they stand, numbers in full: what an edit is compared against. */
function currentValues(row: PersonRow, crypto: FieldCrypto): PersonValues {
  // Everything but what the record keeps by itself: a new field of the contract is compared without a change here.
  const { id: _id, gender: _gender, birthDate: _birthDate, version: _version, updatedAt: _updatedAt, ...values } = toPerson(row, crypto, true);
  return values;
}

/** The row columns for the merged values; ID and phone numbers validated and re-encrypted. */
async function columnsFor(tx: Db, ctx: AuditContext, crypto: FieldCrypto, actor: Actor, id: string, apply: Partial<PersonValues>): Promise<Partial<PersonRow>> {
  const set: Partial<PersonRow> = {};
  if (apply.idNumber !== undefined) {
    if (apply.idNumber === null) Object.assign(set, { id_number_enc: null, id_number_hash: null, id_number_masked: null });
    else {
      const identity = storeIdNumber(crypto, apply.idNumber);
      await assertIdNumberFree(tx, ctx, actor, identity.id_number_hash, id);
      Object.assign(set, identity);
    }
  }
  if (apply.phone !== undefined) {
    const phone = apply.phone === null ? null : storePhone(crypto, apply.phone);
    Object.assign(set, { phone_enc: phone?.enc ?? null, phone_hash: phone?.hash ?? null, phone_masked: phone?.masked ?? null });
  }
  if (apply.householdId !== undefined) {
    set.household_id = apply.householdId;
    if (apply.householdId) {
      const household = await tx.selectFrom('households').select('region_id').where('id', '=', apply.householdId).executeTakeFirst();
      if (!household) throw new AppError('NOT_FOUND', 'householdId: no such household', [{ path: 'householdId', message: 'not found' }]);
      set.region_id = household.region_id;
    }
  }
  if (apply.regionId !== undefined) set.region_id = apply.regionId;
  return { ...set, ...ownColumnsOf(apply) };
}

/** `today`: the county's day, from which the risk rules' windows count back. */
export async function patchPerson(tx: Db, ctx: AuditContext, crypto: FieldCrypto, actor: Actor, id: string, patch: PersonPatch, today: string) {
  const row = await q.findPerson(tx, id);
  if (!row) throw notFound('person');
  const { baseVersion, ...proposed } = patch;
  const current = currentValues(row, crypto);
  const { apply, clashes } = await mergeAgainstBase<PersonValues>(tx, 'person', id, { version: row.version, values: current }, baseVersion, proposed);
  const merged = { ...current, ...apply };
  // An edit keeps a key person's reason; the category's fields and the arrival day are checked
  // when a person is registered (records registered before a rule stay editable).
  assertPersonRules(keyPersonIssues(merged));
  const changed = Object.keys(apply);
  if (changed.length) {
    const set = await columnsFor(tx, ctx, crypto, actor, id, apply);
    await tx.updateTable('persons').set({ ...set, version: row.version + 1, updated_at: nowIso() }).where('id', '=', id).execute();
    await countPersonChange(tx, countStateOf(row), countStateOf({ ...row, ...set }));
    await recomputePersonRisk(tx, [id], today);
    // Moved to another region: the responsible people of the old one end (their history kept).
    if (set.region_id !== undefined) await personRegionChanged(tx, id, { fromRegionId: row.region_id, toRegionId: set.region_id, by: actor.userId });
    const after = await q.findPerson(tx, id);
    if (!after) throw notFound('person');
    await recordChange(tx, 'person', id, row.version + 1, changed, actor.userId, changeValuesOf(crypto, current, currentValues(after, crypto), changed));
    // Field names only: the values may be ID numbers, phones or health facts.
    await audit(tx, ctx, { action: 'update', entity: 'person', entityId: id, regionId: set.region_id ?? row.region_id, details: { fields: changed } });
  }
  await recordClashes(tx, crypto, actor, { entity: 'person', entityId: id, regionId: row.region_id }, clashes.map((f) => [f, proposed[f]]));
  const updated = await q.findPerson(tx, id);
  if (!updated) throw notFound('person');
  return { ...toPerson(updated, crypto, false), clashes };
}
