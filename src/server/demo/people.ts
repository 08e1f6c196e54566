// Households and their people for one micro-grid at a time, so memory stays flat however many
// people are asked for. Shares follow a county in 2020: ≈80% residents, the rest floating
// people, returnees (arrived within 30 days), migrant workers, tenants in rented dwellings and
// a few visitors; an age pyramid close to the 2020 census.
import { dwellingSortKey } from '../../shared/address.ts';
import type { PersonCategory } from '../../shared/households.ts';
import { type FieldCrypto, maskIdNumber, maskPhone } from '../platform/crypto.ts';
import { addDays } from '../platform/time.ts';
import { newId } from '../platform/ids.ts';
import { IdNumberFactory, demoMobile } from './identity.ts';
import { KEY_PERSON_REASONS, ORIGINS, TRAVEL_MODE_WEIGHTS, employerName, personName, surnameOf } from './names.ts';
import { type Rng, weighted } from './prng.ts';
import type { MicroGridPlan } from './territory.ts';
import { fromBool } from '../db/dialect.ts';

export const HOUSEHOLD_COLUMNS = ['id', 'region_id', 'address', 'building', 'unit', 'room', 'sort_key', 'is_rental', 'landlord_name', 'landlord_phone_enc', 'landlord_phone_hash', 'created_at', 'updated_at', 'version'] as const;
export const PERSON_COLUMNS = ['id', 'household_id', 'region_id', 'name', 'gender', 'birth_date', 'id_number_enc', 'id_number_hash', 'id_number_masked', 'phone_enc', 'phone_hash', 'phone_masked', 'category', 'origin', 'arrived_on', 'travel_mode', 'employer', 'key_person', 'key_person_reason', 'dwelling_relation', 'created_at', 'updated_at', 'version'] as const;
export type Row = (string | number | null)[];

type Category = PersonCategory;
// Five-year age bands, shares in per mille (China, 2020 census, rounded).
const ageBand = weighted([[0, 55], [5, 63], [10, 61], [15, 52], [20, 53], [25, 63], [30, 88], [35, 69], [40, 66], [45, 82], [50, 87], [55, 71], [60, 52], [65, 54], [70, 38], [75, 24], [80, 16], [85, 8], [90, 3]] as const);
const localSize = weighted([[1, 10], [2, 24], [3, 26], [4, 20], [5, 12], [6, 8]] as const);
const rentalSize = weighted([[1, 35], [2, 35], [3, 20], [4, 10]] as const);
const localCategory = weighted<Category>([['resident', 910], ['returnee', 60], ['visitor', 15], ['floating', 15]]);
const rentalCategory = weighted<Category>([['tenant', 40], ['migrant_worker', 35], ['floating', 20], ['returnee', 5]]);
const travelMode = weighted(TRAVEL_MODE_WEIGHTS);

export type Counts = Record<Category, number> & { households: number; people: number; keyPersons: number };

export class PeopleGenerator {
  readonly counts: Counts = { households: 0, people: 0, keyPersons: 0, resident: 0, floating: 0, returnee: 0, migrant_worker: 0, tenant: 0, visitor: 0 };
  private readonly ids: IdNumberFactory;
  private readonly now = new Date().toISOString();

  constructor(
    private readonly rng: Rng,
    private readonly crypto: FieldCrypto,
    private readonly county: { code: string; name: string },
    private readonly today: string,
  ) {
    this.ids = new IdNumberFactory(county.code, today);
  }

  /** Emits households of `micro` until exactly `people` people live there. */
  fillMicroGrid(micro: MicroGridPlan, people: number, onHousehold: (row: Row) => void, onPerson: (row: Row) => void): void {
    let left = people;
    let dwelling = 0;
    while (left > 0) {
      const rental = this.rng.chance(0.12);
      const size = Math.min(left, (rental ? rentalSize : localSize)(this.rng.next()));
      dwelling += 1;
      const householdId = newId();
      onHousehold(this.household(householdId, micro, dwelling, rental));
      this.members(householdId, micro.id, size, rental, onPerson);
      left -= size;
    }
  }

  private household(id: string, micro: MicroGridPlan, n: number, rental: boolean): Row {
    this.counts.households += 1;
    let address: string;
    let building: string | null = null;
    let unit: string | null = null;
    let room: string | null = null;
    if (micro.urban) {
      // Two flats a landing, then up the floors, unit by unit.
      const u = 1 + Math.floor((n - 1) / 24);
      const floor = 1 + Math.floor(((n - 1) % 24) / 2);
      // The numbers alone: the unit words are added where an address is shown (shared/address.ts).
      building = String(micro.number);
      unit = String(u);
      room = `${floor}0${1 + ((n - 1) % 2)}`;
      // The compound; building, unit and room are their own fields ("锦绣花园 3幢 2单元 501室").
      address = micro.addressPrefix;
    } else {
      address = `${micro.addressPrefix}${micro.number}组${n}号`;
    }
    let landlordName: string | null = null;
    let landlordEnc: string | null = null;
    let landlordHash: string | null = null;
    if (rental) {
      const phone = demoMobile(this.rng);
      landlordName = personName(this.rng, this.rng.chance(0.5) ? 'male' : 'female');
      landlordEnc = this.crypto.encrypt(phone);
      landlordHash = this.crypto.index(phone);
    }
    return [id, micro.id, address, building, unit, room, dwellingSortKey({ address, building, unit, room }), fromBool(rental), landlordName, landlordEnc, landlordHash, this.now, this.now, 1];
  }

  private members(householdId: string, regionId: number, size: number, rental: boolean, onPerson: (row: Row) => void) {
    const rng = this.rng;
    const familyName = surnameOf(rng);
    const headAge = rental ? rng.between(18, 55) : this.pyramidAge(24);
    const headGender = rng.chance(0.6) ? 'male' : 'female';
    let headCategory: Category = 'resident';
    for (let i = 0; i < size; i++) {
      let age: number;
      let gender: 'male' | 'female';
      if (i === 0) (age = headAge), (gender = headGender);
      else if (i === 1) (age = Math.max(18, headAge + rng.between(-5, 5))), (gender = headGender === 'male' ? 'female' : 'male');
      else if (rental) (age = rng.between(18, 55)), (gender = rng.chance(0.5) ? 'male' : 'female');
      else if (rng.chance(0.7) && headAge >= 22) (age = rng.between(0, Math.min(headAge - 20, 60))), (gender = rng.chance(0.52) ? 'male' : 'female');
      else (age = Math.min(99, headAge + rng.between(22, 32))), (gender = rng.chance(0.45) ? 'male' : 'female');
      let category = (rental ? rentalCategory : localCategory)(rng.next());
      if (i === 0) headCategory = category;
      else if (age < 16) category = headCategory === 'migrant_worker' ? 'floating' : headCategory;
      // Spouses keep their own surnames; children and rental co-tenants are drawn separately.
      const name = personName(rng, gender, i === 1 || (rental && i > 0) ? surnameOf(rng) : familyName);
      onPerson(this.person(householdId, regionId, name, age, gender, category, rental, i));
    }
  }

  /** An age from the census pyramid, at least `min`. */
  private pyramidAge(min: number): number {
    for (;;) {
      const age = ageBand(this.rng.next()) + this.rng.int(5);
      if (age >= min) return age;
    }
  }

  private person(householdId: string, regionId: number, name: string, age: number, gender: 'male' | 'female', category: Category, rental: boolean, index: number): Row {
    const rng = this.rng;
    const local = category === 'resident' || category === 'returnee' || (category === 'tenant' && rng.chance(0.3));
    const id = this.ids.make(rng, local, age, gender);
    const hasPhone = age >= 16 && rng.chance(age > 75 ? 0.5 : 0.93);
    const phone = hasPhone ? demoMobile(rng) : null;
    let origin: string | null = null;
    let arrivedOn: string | null = null;
    let mode: string | null = null;
    let employer: string | null = null;
    let keyReason: string | null = null;
    if (category === 'returnee' || category === 'visitor' || category === 'floating' || category === 'migrant_worker') origin = rng.pick(ORIGINS);
    if (category === 'returnee') {
      arrivedOn = addDays(this.today, -rng.int(30));
      mode = travelMode(rng.next());
      if (rng.chance(0.05)) keyReason = rng.pick(KEY_PERSON_REASONS);
    } else if (category === 'visitor') {
      arrivedOn = addDays(this.today, -rng.int(14));
    }
    if (category === 'migrant_worker') employer = employerName(rng, this.county.name);
    if (!keyReason && rng.chance(0.0005)) keyReason = rng.pick(KEY_PERSON_REASONS);
    const relation = rental ? 'tenant' : category === 'visitor' ? 'lodger' : index === 0 ? 'owner' : 'family';
    // Registered on arrival (来登); everyone else during the investigation a month before: the
    // daily report's "new arrivals today" then counts only who really arrived today.
    const registeredAt = `${arrivedOn ?? addDays(this.today, -40)}T02:00:00.000Z`;
    this.counts.people += 1;
    this.counts[category] += 1;
    if (keyReason) this.counts.keyPersons += 1;
    return [
      newId(), householdId, regionId, name, gender, id.birthDate,
      this.crypto.encrypt(id.idNumber), this.crypto.index(id.idNumber), maskIdNumber(id.idNumber),
      phone && this.crypto.encrypt(phone), phone && this.crypto.index(phone), phone && maskPhone(phone),
      category, origin, arrivedOn, mode, employer, fromBool(Boolean(keyReason)), keyReason, relation, registeredAt, registeredAt, 1,
    ];
  }
}
