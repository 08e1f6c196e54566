// The public side of 扫码登记: what a poster's token shows, and the self-registration itself.
// A forged, unknown or revoked token gets the same 404 (which it is stays unknown). Validation
// errors name the field and never echo an ID or phone number.
import { randomBytes } from 'node:crypto';
import { ARRIVAL_CODE_INVALID_MESSAGE, ARRIVAL_MAX_DAYS_BACK, type PublicArrivalCreate, type PublicArrivalPlace } from '../../../shared/arrivals.ts';
import { validateIdNumber } from '../../../shared/id-number.ts';
import { normaliseMobile } from '../../../shared/normalise.ts';
import type { Db } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError, unprocessable } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { afterCommit } from '../../platform/transaction.ts';
import { storeIdNumber, storePhone } from '../households/person-identity.ts';
import * as q from './arrivals.queries.ts';
import { childRegions } from '../regions/regions.queries.ts';

export const invalidCode = () => new AppError('NOT_FOUND', ARRIVAL_CODE_INVALID_MESSAGE, [{ path: 'qrToken', message: 'not valid any more' }]);

// Crockford's base32: no I, L, O, U, so a reference read aloud or copied by hand stays right.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newReference(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (let i = 0; i < 8; i++) out += CROCKFORD.charAt((bytes[i] ?? 0) & 31);
  return out;
}

async function gridsOf(db: Db, villageId: number) {
  return childRegions(db, villageId, ['id', 'name'], { level: 'grid', activeOnly: true });
}

export async function publicPlace(db: Db, token: string): Promise<PublicArrivalPlace> {
  const code = await q.findActiveCodeByToken(db, token);
  if (!code) throw invalidCode();
  const town = code.town_id === null ? undefined : await q.findRegion(db, code.town_id);
  const county = town?.parent_id == null ? undefined : await q.findRegion(db, town.parent_id);
  const grids = await gridsOf(db, code.region_id);
  return { villageName: code.village_name, townName: town?.name ?? '', countyName: county?.name ?? '', grids };
}

export interface PublicDeps {
  ctx: AuditContext;
  crypto: FieldCrypto;
  events: EventBus;
  timeZone: string;
  /** Counts the filing against the phone number's limit (429 once over it). */
  countPhone: (normalisedPhone: string) => Promise<void>;
}

export async function registerArrival(tx: Db, deps: PublicDeps, input: PublicArrivalCreate) {
  const code = await q.findActiveCodeByToken(tx, input.qrToken);
  if (!code) throw invalidCode();
  // The ID number's reason is given, never the number (storeIdNumber's reasons do not echo it).
  const checkedId = validateIdNumber(input.idNumber);
  if (!checkedId.ok) throw unprocessable('idNumber', checkedId.reason);
  const identity = storeIdNumber(deps.crypto, checkedId.value);
  const checkedPhone = normaliseMobile(input.phone);
  if (!checkedPhone.ok) throw unprocessable('phone', checkedPhone.reason);
  const phone = storePhone(deps.crypto, checkedPhone.value);
  await deps.countPhone(checkedPhone.value);
  const today = dayIn(deps.timeZone);
  if (input.arrivedOn > today) throw unprocessable('arrivedOn', 'cannot be in the future');
  if (input.arrivedOn < addDays(today, -ARRIVAL_MAX_DAYS_BACK)) throw unprocessable('arrivedOn', `at most ${ARRIVAL_MAX_DAYS_BACK} days back`);
  if (input.gridId !== undefined) {
    const grid = await q.findRegion(tx, input.gridId);
    if (!grid || grid.level !== 'grid' || grid.parent_id !== code.region_id || !grid.active) throw unprocessable('gridId', 'not a grid of this village');
  }
  const receipt = { status: 'pending' as const, villageName: code.village_name };
  // Scanned twice (or sent again on a bad signal): the first entry still waits, so it answers.
  const waiting = await q.findPendingInVillage(tx, code.region_id, identity.id_number_hash);
  if (waiting) return { ...receipt, reference: waiting.reference };

  let reference = newReference();
  while (await tx.selectFrom('arrival_entries').select('id').where('reference', '=', reference).executeTakeFirst()) reference = newReference();
  const id = newId();
  const regionId = input.gridId ?? code.region_id;
  const now = nowIso();
  await tx
    .insertInto('arrival_entries')
    .values({
      id,
      reference,
      code_id: code.id,
      village_id: code.region_id,
      region_id: regionId,
      name: input.name,
      id_number_enc: identity.id_number_enc,
      id_number_hash: identity.id_number_hash,
      id_number_masked: identity.id_number_masked,
      phone_enc: phone.enc,
      phone_hash: phone.hash,
      phone_masked: phone.masked,
      origin: input.origin,
      arrived_on: input.arrivedOn,
      address: input.address,
      status: 'pending',
      person_id: null,
      reject_reason: null,
      note: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await tx
    .updateTable('arrival_codes')
    .set((eb) => ({ entry_count: eb('entry_count', '+', 1) }))
    .where('id', '=', code.id)
    .execute();
  await audit(tx, deps.ctx, { action: 'create', entity: 'arrival_entry', entityId: id, regionId, details: { codeId: code.id, public: true } });
  const region = regionId === code.region_id ? { path: code.village_path } : await q.findRegion(tx, regionId);
  const regionPath = region?.path ?? code.village_path;
  afterCommit(tx, () => deps.events.publish({ type: 'arrival.changed', regionPath, data: { id, status: 'pending' } }));
  return { ...receipt, reference };
}
