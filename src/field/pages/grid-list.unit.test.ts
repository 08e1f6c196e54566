// The home page's list: the server's dwelling order, members counted, search by address, unit
// line or a member's name.
import { describe, expect, it } from 'vitest';
import type { CachedHousehold, CachedPerson } from '../../client/offline/db.ts';
import { gridRows, searchRows } from './grid-list.ts';

const household = (id: string, address: string, building: string | null = null, unit: string | null = null, room: string | null = null) =>
  ({ id, address, building, unit, room }) as CachedHousehold;
const person = (id: string, householdId: string | null, name: string) => ({ id, householdId, name }) as CachedPerson;

describe('gridRows', () => {
  it('sorts as the server lists dwellings: numbers by value, a shorter address first', () => {
    const rows = gridRows(
      [household('a', '新村路 8 号', '1', '1', '1001'), household('b', '新村路 8 号', '1', '1', '101'), household('c', '新村路 8 号院'), household('d', '新村路 8 号', '10'), household('e', '新村路 8 号', '2')],
      [],
      'zh',
    );
    expect(rows.map((r) => r.household.id)).toEqual(['b', 'a', 'e', 'd', 'c']);
  });

  it("counts each household's members and writes its unit line in the phone's language", () => {
    const rows = gridRows([household('h1', '东河村 1 号', '3', '2', '301'), household('h2', '东河村 2 号')], [person('p1', 'h1', '张三'), person('p2', 'h1', '李四'), person('p3', null, '王五')], 'zh');
    expect(rows.map((r) => [r.household.id, r.members, r.unitLine])).toEqual([
      ['h1', ['张三', '李四'], '3幢 2单元 301室'],
      ['h2', [], ''],
    ]);
    expect(gridRows([household('h1', '东河村 1 号', '3')], [], 'en')[0]?.unitLine).toBe('Bldg 3');
  });
});

describe('searchRows', () => {
  const rows = gridRows([household('h1', '东河村 1 号', '3', '2', '301'), household('h2', '西山路 5 号')], [person('p1', 'h2', '赵六')], 'zh');
  it('finds by address, unit line or a member, and keeps every row for a blank query', () => {
    expect(searchRows(rows, '东河').map((r) => r.household.id)).toEqual(['h1']);
    expect(searchRows(rows, '301室').map((r) => r.household.id)).toEqual(['h1']);
    expect(searchRows(rows, ' 赵六 ').map((r) => r.household.id)).toEqual(['h2']);
    expect(searchRows(rows, '无此人')).toEqual([]);
    expect(searchRows(rows, '  ')).toBe(rows);
  });
});
