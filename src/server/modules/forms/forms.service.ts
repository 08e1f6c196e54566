// Forms: created (with a client-made id, so a resent offline create is the same form) and
// prefilled from the person and household, read, listed by subtree, edited while pending,
// and read for printing, with ID and phone numbers in full only as an audited reveal with a purpose.
import { totalOnFirstPage } from '../../platform/list-total.ts';
import type { Form, FormCreate, FormKind, FormPatch, FormPrint, FormStatus } from '../../../shared/forms.ts';
import type { Db } from '../../db/schema.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { type Actor, type ScopedRegion, inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { MASKED, type RevealGrant } from '../../platform/reveal.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeCursor, page } from '../../platform/paging.ts';
import { getHousehold, householdForScope } from '../households/households.service.ts';
import { getPerson, listPersons, personForScope } from '../households/persons.service.ts';
import { type FieldValues, checkFields, registrationDefaults, rentalDefaults } from './forms-fields.ts';
import * as q from './forms.queries.ts';
import type { FormRow } from './forms.tables.ts';
import { displayNameById } from '../accounts/accounts.queries.ts';

export function toForm(row: FormRow): Form {
  return {
    id: row.id,
    kind: row.kind,
    householdId: row.household_id,
    personId: row.person_id,
    regionId: row.region_id,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    status: row.status,
    signatureMethod: row.signature_method === 'drawn' || row.signature_method === 'scan' ? row.signature_method : null,
    signatureType: row.signature_type,
    signedAt: row.signed_at,
    signedBy: row.signed_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function formForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('forms as f')
    .innerJoin('regions as r', 'r.id', 'f.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/** Ids of the people of a household: the tenants a letter may name. */
async function householdPeople(db: Db, crypto: FieldCrypto, householdId: string) {
  const region = await householdForScope(db, householdId);
  if (!region) throw notFound('household');
  return (await listPersons(db, crypto, region, { householdId, limit: 200 })).items;
}

export async function createForm(tx: Db, ctx: AuditContext, crypto: FieldCrypto, actor: Actor, today: string, input: FormCreate): Promise<Form> {
  const household = await getHousehold(tx, ctx, crypto, input.householdId, MASKED);
  let defaults: FieldValues;
  let personId: string | null = null;
  let tenantIds: Set<string> | null = null;
  if (input.kind === 'floating_registration') {
    const person = await getPerson(tx, ctx, crypto, input.personId, MASKED);
    if (person.householdId !== household.id) {
      throw new AppError('UNPROCESSABLE', 'personId: the person does not live in this household', [{ path: 'personId', message: 'not a person of this household' }]);
    }
    personId = person.id;
    defaults = registrationDefaults(person, household);
  } else {
    if (!household.isRental) {
      throw new AppError('UNPROCESSABLE', 'householdId: the dwelling is not rented out', [{ path: 'householdId', message: 'not a rental dwelling' }]);
    }
    const people = await householdPeople(tx, crypto, household.id);
    tenantIds = new Set(people.map((p) => p.id));
    defaults = rentalDefaults(household, people, today);
  }
  const fields = checkFields(input.kind, { ...defaults, ...input.fields }, tenantIds);
  const now = nowIso();
  const row: FormRow = {
    id: input.id ?? newId(),
    kind: input.kind,
    household_id: household.id,
    person_id: personId,
    region_id: household.regionId,
    fields: JSON.stringify(fields),
    status: 'pending',
    signature_method: null,
    signature_sha256: null,
    signature_type: null,
    signed_at: null,
    signed_by: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  try {
    await q.insertForm(tx, row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'id: a form with this id exists', [{ path: 'id', message: 'already exists' }]);
    throw err;
  }
  await audit(tx, ctx, { action: 'create', entity: 'form', entityId: row.id, regionId: row.region_id, details: { kind: row.kind } });
  return toForm(row);
}

export async function getForm(db: Db, ctx: AuditContext, id: string): Promise<Form> {
  const row = await q.findForm(db, id);
  if (!row) throw notFound('form');
  await audit(db, ctx, { action: 'read', entity: 'form', entityId: id, regionId: row.region_id });
  return toForm(row);
}

export async function listForms(
  db: Db,
  scope: ScopedRegion,
  query: { householdId?: string; kind?: FormKind; status?: FormStatus; limit: number; cursor?: string },
) {
  const after = decodeCursor(query.cursor);
  const filters = { householdId: query.householdId, kind: query.kind, status: query.status };
  const [rows, total] = await Promise.all([
    q.listForms(db, scope.path, { ...filters, afterId: after === undefined ? undefined : String(after), limit: query.limit }),
    totalOnFirstPage(db, query.cursor, q.formsFiltered(db, scope.path, filters)),
  ]);
  return { ...page(rows, query.limit, (r) => r.id, toForm), total };
}

export async function patchForm(tx: Db, ctx: AuditContext, crypto: FieldCrypto, id: string, patch: FormPatch): Promise<Form> {
  const row = await q.findForm(tx, id);
  if (!row) throw notFound('form');
  if (row.status !== 'pending') throw new AppError('CONFLICT', 'The form is signed and can no longer change', [{ path: 'status', message: 'signed' }]);
  const kind = row.kind;
  const tenantIds = kind === 'rental_responsibility' ? new Set((await householdPeople(tx, crypto, row.household_id)).map((p) => p.id)) : null;
  const current = JSON.parse(row.fields) as FieldValues;
  // null clears an optional field; the whole is checked again.
  const merged = Object.fromEntries(Object.entries({ ...current, ...patch.fields }).filter(([, v]) => v !== null));
  const fields = checkFields(kind, merged, tenantIds);
  const changed = Object.keys(patch.fields).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(fields[k]));
  if (!changed.length) return toForm(row);
  const updatedAt = nowIso();
  await tx.updateTable('forms').set({ fields: JSON.stringify(fields), updated_at: updatedAt }).where('id', '=', id).where('status', '=', 'pending').execute();
  await audit(tx, ctx, { action: 'update', entity: 'form', entityId: id, regionId: row.region_id, details: { fields: changed } });
  return toForm({ ...row, fields: JSON.stringify(fields), updated_at: updatedAt });
}

/**
 * The form for printing. ID and phone numbers are masked unless the grant reveals them (a
 * registering role that gave a purpose, src/shared/reveal.ts): then the print and every read
 * behind it are audited as reveals with that purpose.
 */
export async function printForm(db: Db, ctx: AuditContext, crypto: FieldCrypto, actor: Actor, id: string, grant: RevealGrant): Promise<FormPrint> {
  const row = await q.findForm(db, id);
  if (!row) throw notFound('form');
  await audit(db, ctx, { action: grant.reveal ? 'print_reveal' : 'print', entity: 'form', entityId: id, regionId: row.region_id, purpose: grant.purpose });
  const form = toForm(row);
  // The same for a household moved to another region since.
  const householdRegion = await householdForScope(db, row.household_id);
  const household = householdRegion && inSubtree(actor.regionPath, householdRegion.path) ? await getHousehold(db, ctx, crypto, row.household_id, grant) : null;
  const read = async (personId: string) => {
    // The person may have moved out of the caller's region since the form was made (or been
    // removed): the form then prints the name it recorded, and no numbers.
    const region = await personForScope(db, personId);
    const p = region && inSubtree(actor.regionPath, region.path) ? await getPerson(db, ctx, crypto, personId, grant) : null;
    if (!p) return { name: '', gender: null, birthDate: null, idNumber: null, phone: null };
    return { name: p.name, gender: p.gender, birthDate: p.birthDate, idNumber: p.idNumber, phone: p.phone };
  };
  const person = row.person_id ? { ...(await read(row.person_id)), name: String(form.fields.name ?? '') } : null;
  const tenants = [];
  for (const tenant of (form.fields.tenants ?? []) as { personId?: string; name: string }[]) {
    tenants.push(tenant.personId ? { ...(await read(tenant.personId)), name: tenant.name } : { name: tenant.name, idNumber: null, phone: null });
  }
  const region = await q.regionNames(db, row.region_id);
  // 登记网格员: the worker who registered the form (a staff name, not personal data of a resident).
  const registeredBy = await displayNameById(db, row.created_by);
  return { form, regionName: region?.name ?? '', landlordPhone: household?.landlordPhone ?? null, registeredBy, person, tenants };
}
