// Demo arrivals (扫码登记) for the demo county: an active QR code in every village, and about 150
// self-registrations over the last 10 days — pending in the queues, verified (the returnees the
// demo already registered, so each verified entry points at its person), a few pending ones whose
// ID number is already registered (to show the duplicate flag and "link"), and some rejected.
// New arrivals carry invented ID numbers of area 6299NN: no prefecture 99 exists and no other
// demo person uses province 62, so they never collide with a registered person by accident.
import { idNumberCheckDigit } from '../../shared/id-number.ts';
import type { Database } from '../db/connect.ts';
import type { ArrivalCodesTable, ArrivalEntriesTable } from '../modules/arrivals/arrivals.tables.ts';
import { newToken } from '../modules/arrivals/arrivals.codes.ts';
import { newReference } from '../modules/arrivals/arrivals.public.ts';
import { maskIdNumber, maskPhone } from '../platform/crypto.ts';
import { newId } from '../platform/ids.ts';
import { addDays } from '../platform/time.ts';
import type { CommandDemoInput } from './command.ts';
import { demoMobile } from './identity.ts';
import { insertRows } from './insert-rows.ts';
import { ORIGINS, personName } from './names.ts';
import { type Rng, createRng } from './prng.ts';
import { wallClockIn } from '../platform/zoned-time.ts';

const DAYS = 10;
const NEW_PENDING = 62;
const DUPLICATE_PENDING = 6;
const VERIFIED = 60;
const REJECTED = 22;
const REJECT_REASONS = [
  ['passing_through', '只是路过，当天离开'],
  ['not_found', '上门核实，查无此人'],
  ['false_information', '信息与实际不符'],
  ['duplicate_entry', '同一人重复登记'],
] as const;

/** Not later than now: a decision "this evening" has not happened yet. */
const notAfterNow = (iso: string) => (iso > new Date().toISOString() ? new Date().toISOString() : iso);
const day = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

function newArrivalId(rng: Rng, county: string, today: string, seq: number): string {
  const birthYear = Number(today.slice(0, 4)) - rng.between(18, 68);
  const birth = `${birthYear}${String(rng.between(1, 12)).padStart(2, '0')}${String(rng.between(1, 28)).padStart(2, '0')}`;
  const first17 = `6299${county.slice(4, 6)}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return `${first17}${idNumberCheckDigit(first17)}`;
}

export async function seedDemoArrivals(database: Database, input: CommandDemoInput): Promise<void> {
  const at = wallClockIn(input.timeZone); // a local time of a day in the county, as an ISO instant
  const { today, territory, createdBy, crypto, county } = input;
  const rng = createRng(`${input.seed}/arrivals`);
  const db = database.db;
  const codes: ArrivalCodesTable[] = territory.villages.map((v) => ({
    id: newId(),
    region_id: v.id,
    token: newToken(),
    status: 'active',
    entry_count: 0,
    created_by: createdBy,
    created_at: at(addDays(today, -(DAYS + 4)), 9, rng.int(60)),
    revoked_by: null,
    revoked_at: null,
    replaced_by: null,
  }));
  const codeOf = new Map(codes.map((c) => [c.region_id, c]));
  const gridsOf = new Map<number, number[]>();
  for (const g of territory.grids) gridsOf.set(g.parent_id, [...(gridsOf.get(g.parent_id) ?? []), g.id]);
  const villageNames = new Map(territory.villages.map((v) => [v.id, v.name]));

  // Returnees of the last days, with the grid and village above their micro-grid.
  const returnees = await db
    .selectFrom('persons as p')
    .innerJoin('regions as m', 'm.id', 'p.region_id')
    .innerJoin('regions as g', 'g.id', 'm.parent_id')
    .select(['p.id', 'p.name', 'p.id_number_enc', 'p.id_number_hash', 'p.id_number_masked', 'p.phone_enc', 'p.phone_hash', 'p.phone_masked', 'p.origin', 'p.arrived_on', 'g.id as grid_id', 'g.parent_id as village_id'])
    .where('p.category', '=', 'returnee')
    .where('m.level', '=', 'microgrid')
    .where('p.arrived_on', '>=', addDays(today, -(DAYS - 1)))
    .where('p.arrived_on', '<=', today)
    .where('p.id_number_enc', 'is not', null)
    .where('p.phone_enc', 'is not', null)
    .orderBy('p.id')
    .limit(VERIFIED + DUPLICATE_PENDING)
    .execute();

  const entries: ArrivalEntriesTable[] = [];
  const references = new Set<string>();
  const reference = () => {
    let r = newReference();
    while (references.has(r)) r = newReference();
    references.add(r);
    return r;
  };
  const push = (villageId: number, regionId: number, fields: Omit<ArrivalEntriesTable, 'id' | 'reference' | 'code_id' | 'village_id' | 'region_id'>) => {
    const code = codeOf.get(villageId);
    if (!code) return;
    code.entry_count += 1;
    entries.push({ id: newId(), reference: reference(), code_id: code.id, village_id: villageId, region_id: regionId, ...fields });
  };
  const address = (r: Rng, villageId: number) => `${villageNames.get(villageId) ?? ''}${r.between(1, 12)}组${r.between(1, 60)}号`;

  // Verified: the person registered from the entry is the demo's returnee (same numbers).
  returnees.forEach((p, i) => {
    if (p.village_id === null) return;
    const r = rng.fork(`p${i}`);
    const arrived = day(p.arrived_on);
    const duplicate = i >= VERIFIED;
    const filedDay = duplicate ? addDays(today, -r.between(0, 2)) : arrived;
    const createdAt = notAfterNow(at(filedDay, r.between(7, 20), r.int(60)));
    const decidedAt = duplicate ? null : notAfterNow(new Date(Date.parse(createdAt) + r.between(1, 20) * 3_600_000).toISOString());
    push(p.village_id, p.grid_id, {
      name: p.name,
      id_number_enc: p.id_number_enc ?? '',
      id_number_hash: p.id_number_hash ?? '',
      id_number_masked: p.id_number_masked ?? '',
      phone_enc: p.phone_enc ?? '',
      phone_hash: p.phone_hash ?? '',
      phone_masked: p.phone_masked ?? '',
      origin: p.origin ?? r.pick(ORIGINS),
      arrived_on: arrived,
      address: address(r, p.village_id),
      // A registered person scanning the poster again: waits in the queue, flagged as a duplicate.
      status: duplicate ? 'pending' : 'verified',
      person_id: duplicate ? null : p.id,
      reject_reason: null,
      note: null,
      decided_by: duplicate ? null : createdBy,
      decided_at: decidedAt,
      created_at: createdAt,
      updated_at: decidedAt ?? createdAt,
      version: duplicate ? 1 : 2,
    });
  });

  // New arrivals nobody has registered yet: pending, or rejected after a visit.
  const villages = territory.villages.filter((v) => (gridsOf.get(v.id)?.length ?? 0) > 0);
  if (crypto && villages.length > 0) {
    for (let i = 0; i < NEW_PENDING + REJECTED; i++) {
      const r = rng.fork(`n${i}`);
      const village = r.pick(villages);
      const grids = gridsOf.get(village.id) ?? [];
      // Most people name their grid; the rest wait in the village's queue.
      const regionId = r.chance(0.8) ? r.pick(grids) : village.id;
      const filedDay = addDays(today, -r.between(0, DAYS - 1));
      const createdAt = notAfterNow(at(filedDay, r.between(7, 21), r.int(60)));
      const idNumber = newArrivalId(r, county.code, today, i);
      const phone = demoMobile(r);
      const rejected = i >= NEW_PENDING;
      const [reason, note] = r.pick(REJECT_REASONS);
      const decidedAt = rejected ? notAfterNow(new Date(Date.parse(createdAt) + r.between(2, 30) * 3_600_000).toISOString()) : null;
      push(village.id, regionId, {
        name: personName(r, r.chance(0.55) ? 'male' : 'female'),
        id_number_enc: crypto.encrypt(idNumber),
        id_number_hash: crypto.index(idNumber),
        id_number_masked: maskIdNumber(idNumber),
        phone_enc: crypto.encrypt(phone),
        phone_hash: crypto.index(phone),
        phone_masked: maskPhone(phone),
        origin: r.pick(ORIGINS),
        arrived_on: addDays(filedDay, -r.between(0, 2)),
        address: address(r, village.id),
        status: rejected ? 'rejected' : 'pending',
        person_id: null,
        reject_reason: rejected ? reason : null,
        note: rejected ? note : null,
        decided_by: rejected ? createdBy : null,
        decided_at: decidedAt,
        created_at: createdAt,
        updated_at: decidedAt ?? createdAt,
        version: rejected ? 2 : 1,
      });
    }
  }
  await db.transaction().execute(async (tx) => {
    await insertRows(tx, 'arrival_codes', codes);
    await insertRows(tx, 'arrival_entries', entries);
  });
}
