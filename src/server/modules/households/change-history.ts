// What changed on a household or a person, version by version (issue 15 item 5). Writes keep each
// version's old and new values (changeValuesOf); reads show them as staff may see them: ID and
// phone numbers masked, fields that may hold health facts as "changed" alone, region and
// household ids by name. Versions saved before migration 0024 kept field names only.
import type { ChangeHistory, FieldChange } from '../../../shared/history.ts';
import type { Db } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { type FieldCrypto, maskIdNumber, maskPhone } from '../../platform/crypto.ts';
import type { ChangeValues } from '../../platform/versioned.ts';
import { displayNameOf } from '../accounts/accounts.queries.ts';

/** Personal numbers: kept encrypted like the record, shown masked. */
const MASKERS: Record<string, (plain: string) => string> = { idNumber: maskIdNumber, phone: maskPhone, landlordPhone: maskPhone };
/** A key person's reason may be a health fact: its values are never kept, the change is. */
const CHANGED_ONLY = new Set(['keyPersonReason']);
/** How many versions one history answers, newest first. */
export const HISTORY_LIMIT = 200;

/** The stored values of a version: `before` and `after` are the record's editable fields as they stood. */
export function changeValuesOf(crypto: FieldCrypto, before: Record<string, unknown>, after: Record<string, unknown>, fields: string[]): ChangeValues {
  const plain: ChangeValues['plain'] = {};
  const secret: ChangeValues['plain'] = {};
  for (const field of fields) {
    if (CHANGED_ONLY.has(field)) continue;
    const pair: [unknown, unknown] = [before[field] ?? null, after[field] ?? null];
    if (MASKERS[field]) secret[field] = pair;
    else plain[field] = pair;
  }
  return { plain, secretEnc: Object.keys(secret).length ? crypto.encrypt(JSON.stringify(secret)) : null };
}

type Shown = string | number | boolean | null;
const asShown = (v: unknown): Shown => (v === null || v === undefined ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v));

/** A record's history, newest first; reading it is audited (it names who changed what). */
export async function historyOf(db: Db, ctx: AuditContext, crypto: FieldCrypto, entity: 'person' | 'household', id: string, regionId: number): Promise<ChangeHistory> {
  const rows = await db
    .selectFrom('record_changes as c')
    .select(['c.version', 'c.at', 'c.user_id', 'c.fields', 'c.values_plain', 'c.values_enc', displayNameOf('c.user_id').as('display_name')])
    .where('c.entity', '=', entity)
    .where('c.entity_id', '=', id)
    .orderBy('c.version', 'desc')
    .limit(HISTORY_LIMIT)
    .execute();
  const parsed = rows.map((r) => ({
    row: r,
    fields: JSON.parse(r.fields) as string[],
    plain: r.values_plain ? (JSON.parse(r.values_plain) as Record<string, [unknown, unknown]>) : null,
    secret: r.values_enc ? (JSON.parse(crypto.decrypt(r.values_enc)) as Record<string, [unknown, unknown]>) : {},
  }));
  const names = await namesOf(db, parsed.flatMap((p) => Object.entries(p.plain ?? {})));
  await audit(db, ctx, { action: 'read_history', entity, entityId: id, regionId });
  return {
    items: parsed.map(({ row, fields, plain, secret }) => ({
      version: Number(row.version),
      at: row.at,
      userId: row.user_id,
      by: row.display_name ?? null,
      fields: fields.map((field): FieldChange => {
        if (plain === null) return { field, shown: 'name_only' };
        if (CHANGED_ONLY.has(field)) return { field, shown: 'changed' };
        const mask = MASKERS[field];
        if (mask) {
          const [o, n] = secret[field] ?? [null, null];
          return { field, shown: 'masked', old: typeof o === 'string' ? mask(o) : null, new: typeof n === 'string' ? mask(n) : null };
        }
        const [o, n] = plain[field] ?? [null, null];
        const named = (v: unknown) => (field === 'regionId' ? names.regions.get(Number(v)) : field === 'householdId' ? names.households.get(String(v)) : undefined) ?? asShown(v);
        return { field, shown: 'value', old: named(o), new: named(n) };
      }),
    })),
  };
}

/** Region and household ids in the values, by name (a region's name, a household's address). */
async function namesOf(db: Db, pairs: [string, [unknown, unknown]][]) {
  const regionIds = new Set<number>();
  const householdIds = new Set<string>();
  for (const [field, values] of pairs) {
    for (const v of values) {
      if (v === null || v === undefined) continue;
      if (field === 'regionId') regionIds.add(Number(v));
      if (field === 'householdId') householdIds.add(String(v));
    }
  }
  const regions = regionIds.size ? await db.selectFrom('regions').select(['id', 'name']).where('id', 'in', [...regionIds]).execute() : [];
  const households = householdIds.size ? await db.selectFrom('households').select(['id', 'address', 'building', 'unit', 'room']).where('id', 'in', [...householdIds]).execute() : [];
  return {
    regions: new Map(regions.map((r) => [Number(r.id), r.name])),
    households: new Map(households.map((h) => [h.id, [h.address, h.building, h.unit, h.room].filter(Boolean).join(' ')])),
  };
}
