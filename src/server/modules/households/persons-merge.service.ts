// The same ID number twice in the county is one person (重复身份证号合并): "the same person, who
// moved here" moves the registered person into the new household and takes the details the user
// chose field by field, in one transaction with its audit entry. The route's scope checks both
// ends (the person's current household and the target one) against the caller's subtree.
import type { PersonMerge, PersonPatch } from '../../../shared/households.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { patchPerson } from './persons-edit.service.ts';
import { countPersonChange, countStateOf } from './people-counters.ts';
import * as q from './persons.queries.ts';
import { recomputePersonRisk } from '../risk/risk.compute.ts';

export async function mergePerson(tx: Db, ctx: AuditContext, crypto: FieldCrypto, actor: Actor, id: string, input: PersonMerge, today: string) {
  const row = await q.findPerson(tx, id);
  if (!row) throw notFound('person');
  // The user chose between values they saw: if the record changed since, they chose blind.
  if (row.version !== input.baseVersion) {
    throw new AppError('CONFLICT', `baseVersion: this person changed since (now version ${row.version}); look again before merging`, [
      { path: 'baseVersion', message: 'stale: the person changed since' },
    ]);
  }
  const fromHouseholdId = row.household_id;
  const patch: PersonPatch = { baseVersion: row.version, ...input.fields, householdId: input.householdId };
  const merged = await patchPerson(tx, ctx, crypto, actor, id, patch, today);
  // Living here now: a link the old household had ended (来登去销) does not carry over. The old
  // link stays on record in the audit entry and the person's change history.
  if (row.left_on !== null) {
    await tx.updateTable('persons').set({ left_on: null, updated_at: nowIso() }).where('id', '=', id).execute();
    const now = await q.findPerson(tx, id);
    if (now) await countPersonChange(tx, countStateOf({ ...now, left_on: row.left_on }), countStateOf(now));
    await recomputePersonRisk(tx, [id], today);
  }
  await audit(tx, ctx, {
    action: 'merge',
    entity: 'person',
    entityId: id,
    regionId: merged.regionId,
    details: { fromHouseholdId, toHouseholdId: input.householdId, fromRegionId: row.region_id, fields: Object.keys(input.fields) },
  });
  // Based on the current version, a merge has no clashes to report.
  const { clashes: _none, ...person } = merged;
  return person;
}
