// The read cache and the grid worker's offline changes: a pull never overwrites a row with
// queued changes; a person can name a household made on the phone; the contract's schemas
// catch bad input before anything is queued.
import 'fake-indexeddb/auto';
import { v7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Household, Person } from '../../shared/households.ts';
import { idNumberCheckDigit } from '../../shared/id-number.ts';
import { applySynced, type GridSource, pullGrid } from './cache.ts';
import { FieldDb } from './db.ts';
import { InvalidChange, queueHousehold, queuePerson, queueVisit } from './household-changes.ts';
import { listOutbox } from './outbox.ts';

let db: FieldDb;
beforeEach(() => {
  db = new FieldDb(`cache-test-${Math.random()}`);
});
afterEach(async () => {
  await db.delete();
});

const household = (id: string, address: string): Household => ({
  id, regionId: 7, address, building: null, unit: null, room: null, isRental: false, landlordName: null, landlordPhone: null,
  memberCount: 0, lastVisitedOn: null, version: 1, updatedAt: '2026-11-01T00:00:00.000Z',
});
const person = (id: string, householdId: string, name: string): Person => ({
  id, householdId, regionId: 7, name, idNumber: '339901********0014', phone: null, gender: null, birthDate: null, category: 'resident',
  origin: null, arrivedOn: null, travelMode: null, employer: null, dwellingRelation: null, keyPerson: false, keyPersonReason: null,
  version: 1, updatedAt: '2026-11-01T00:00:00.000Z',
});
const source = (households: Household[], persons: Person[]): GridSource => ({
  // Two pages each, to walk the cursor.
  households: async (cursor) => (cursor ? { items: households.slice(1), nextCursor: null } : { items: households.slice(0, 1), nextCursor: households.length > 1 ? 'c1' : null }),
  persons: async () => ({ items: persons, nextCursor: null }),
});
const validId = () => {
  const first17 = '33990119850312001';
  return `${first17}${idNumberCheckDigit(first17)}`;
};

describe('read cache', () => {
  it('pulls every page of the grid and drops rows the server no longer lists', async () => {
    await pullGrid(db, source([household('a', '一号'), household('b', '二号')], [person('p', 'a', '张三')]));
    expect((await db.households.toArray()).map((h) => h.id).sort()).toEqual(['a', 'b']);
    await pullGrid(db, source([household('a', '一号')], []));
    expect((await db.households.toArray()).map((h) => h.id)).toEqual(['a']);
    expect(await db.persons.count()).toBe(0);
  });

  it('never overwrites or drops a row with changes still queued', async () => {
    const a0 = v7();
    await pullGrid(db, source([household(a0, '一号')], []));
    const { id } = await queueHousehold(db, { regionId: 7, address: '新来的户', isRental: false });
    const a = (await db.households.get(a0)) as Household;
    await queueVisit(db, { householdId: a0, outcome: 'verified', checked: ['people_present'] }, new Date('2026-11-29T02:00:00Z'));
    const visitedOn = (await db.households.get(a0))?.lastVisitedOn;
    expect(visitedOn).toBeTruthy();

    await pullGrid(db, source([{ ...a, address: '服务器改了', lastVisitedOn: null }], []));
    expect((await db.households.get(id))?.address).toBe('新来的户');
    expect((await db.households.get(a0))?.lastVisitedOn).toBe(visitedOn);
  });

  it('lets a person name a household made on the phone, masked in the cache, full in the queued body', async () => {
    const { id: householdId } = await queueHousehold(db, { regionId: 7, address: '城南路 18 号', isRental: true, landlordName: '王建国', landlordPhone: '13800138000' });
    const { id: personId } = await queuePerson(db, { householdId, name: '李小梅', idNumber: validId(), category: 'returnee', origin: '湖北省武汉市', arrivedOn: '2026-11-20' }, new Date('2026-11-29T02:00:00Z'));
    const cached = await db.persons.get(personId);
    expect(cached).toMatchObject({ householdId, idNumber: '339901********0018'.slice(0, 14) + validId().slice(-4), local: 1 });
    expect((await db.households.get(householdId))?.landlordPhone).toBe('138****8000');
    const [hh, p] = await listOutbox(db);
    expect(hh).toMatchObject({ kind: 'household', summary: '城南路 18 号', recordId: householdId });
    expect(p).toMatchObject({ kind: 'person', summary: '城南路 18 号', recordId: personId, dependsOn: [householdId] });
    expect((p?.body as { idNumber: string }).idNumber).toBe(validId());
    // The summary names the place, never the person.
    expect(JSON.stringify([hh?.summary, p?.summary])).not.toContain('李小梅');

    // The server's answer replaces the provisional row once synced.
    await db.outbox.update(hh?.seq ?? 0, { status: 'synced' });
    await applySynced(db, { ...(hh as NonNullable<typeof hh>), status: 'synced' }, household(householdId, '城南路 18 号'));
    expect((await db.households.get(householdId))?.local).toBeUndefined();
  });

  it('refuses bad input before queueing, naming the fields', async () => {
    await expect(queueHousehold(db, { regionId: 7, address: '  ', isRental: false })).rejects.toThrow(InvalidChange);
    const err = await queuePerson(db, { name: '王五', idNumber: '339901198503120010', phone: '12345', category: 'returnee', keyPerson: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidChange);
    expect((err as InvalidChange).issues.map((i) => i.path).sort()).toEqual(['arrivedOn', 'idNumber', 'keyPersonReason', 'origin', 'phone']);
    // No personal data in the messages.
    expect(JSON.stringify((err as InvalidChange).issues)).not.toContain('339901198503120010');
    expect(await db.outbox.count()).toBe(0);
  });
});
