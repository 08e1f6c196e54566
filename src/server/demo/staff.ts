// Staff accounts of the demo county, one level at a time: commander and auditor at the county,
// an officer per town (town01…), a secretary per village (v001…), a leader and a worker per
// grid (g0001…, gw0001…), and three patrol members per town (patrol0101…).
import type { Role } from '../../shared/accounts.ts';
import { newId } from '../platform/ids.ts';
import { personName } from './names.ts';
import type { Rng } from './prng.ts';
import type { DemoTerritory } from './territory.ts';
import type { Row } from './people.ts';

export const USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'region_id', 'password_hash', 'phone', 'active', 'created_at', 'updated_at'] as const;
export const PATROL_MEMBERS_PER_TOWN = 3;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `prefix` keeps usernames unique when a database holds several demo counties ('' for the
 * first, 'c2.' for the second…). Every account gets the same `passwordHash`.
 */
export function staffRows(rng: Rng, territory: DemoTerritory, rootId: number, prefix: string, passwordHash: string): Row[] {
  const now = new Date().toISOString();
  const rows: Row[] = [];
  // Work phones: invented, numbered in order (199 plus the account's number in the county).
  const phone = () => `199${pad(rootId % 100, 2)}${pad(rows.length + 1, 6)}`;
  const add = (username: string, role: Role, regionId: number) =>
    rows.push([newId(), `${prefix}${username}`, personName(rng, rng.chance(0.6) ? 'male' : 'female'), role, regionId, passwordHash, phone(), 1, now, now]);
  add('commander', 'commander', rootId);
  add('auditor', 'auditor', rootId);
  const townWidth = Math.max(2, String(territory.towns.length).length);
  territory.towns.forEach((town, i) => {
    add(`town${pad(i + 1, townWidth)}`, 'town_officer', town.id);
    for (let p = 1; p <= PATROL_MEMBERS_PER_TOWN; p++) add(`patrol${pad(i + 1, townWidth)}${pad(p, 2)}`, 'patrol_member', town.id);
  });
  const villageWidth = Math.max(3, String(territory.villages.length).length);
  territory.villages.forEach((village, i) => add(`v${pad(i + 1, villageWidth)}`, 'village_secretary', village.id));
  const gridWidth = Math.max(4, String(territory.grids.length).length);
  territory.grids.forEach((grid, i) => {
    add(`g${pad(i + 1, gridWidth)}`, 'grid_leader', grid.id);
    add(`gw${pad(i + 1, gridWidth)}`, 'grid_worker', grid.id);
  });
  return rows;
}
