// The HQ view of responsibility: who carries how many persons (accounts by id, contacts by
// their phone's keyed hash, so one person entered twice counts once), and the persons under
// control (an active home quarantine order, or coloured red or yellow) with a role missing.
import type { ResponsibilityLoad, ResponsibleRole } from '../../../shared/responsibility.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { displayNamesById } from '../accounts/accounts.queries.ts';
import { personNamesById } from '../households/households.queries.ts';
import { activeOrderPersonsIn } from '../quarantine/quarantine.queries.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { redOrYellowPersonsIn } from '../risk/risk.queries.ts';
import * as q from './responsibility.queries.ts';
import { missingRolesOf } from './responsibility.service.ts';

/** The persons under control in a subtree (an order in force, or red or yellow), each once, with names. */
async function personsUnderControl(db: Db, path: string) {
  const byPerson = new Map<string, number>();
  for (const row of [...(await activeOrderPersonsIn(db, path)), ...(await redOrYellowPersonsIn(db, path))]) byPerson.set(row.person_id, row.region_id);
  const ids = [...byPerson.keys()];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) for (const [id, name] of await personNamesById(db, ids.slice(i, i + 500))) names.set(id, name);
  const regions = await regionNames(db, [...new Set(byPerson.values())]);
  return [...byPerson].map(([id, regionId]) => ({ id, name: names.get(id) ?? '', region_id: regionId, region_name: regions.get(regionId) ?? '' }));
}

interface Carrier {
  userId: string | null;
  name: string;
  phone: string | null;
  persons: Set<string>;
  roles: Set<ResponsibleRole>;
}

export async function responsibilityLoad(db: Db, region: ScopedRegion, limit: number): Promise<ResponsibilityLoad> {
  const members = await q.membersInSubtree(db, region.path);
  const accountNames = await displayNamesById(db, members.map((m) => m.user_id));
  const carriers = new Map<string, Carrier>();
  for (const m of members) {
    const key = m.user_id ? `u:${m.user_id}` : `c:${m.phone_hash}`;
    const carrier = carriers.get(key) ?? { userId: m.user_id, name: (m.user_id ? accountNames.get(m.user_id) : m.name) ?? '', phone: m.user_id ? null : m.phone_masked, persons: new Set<string>(), roles: new Set<ResponsibleRole>() };
    carrier.persons.add(m.person_id);
    carrier.roles.add(m.role);
    carriers.set(key, carrier);
  }
  const underControl = await personsUnderControl(db, region.path);
  const rolesByPerson = new Map<string, ResponsibleRole[]>();
  for (const m of members) rolesByPerson.set(m.person_id, [...(rolesByPerson.get(m.person_id) ?? []), m.role]);
  const incomplete = underControl
    .map((p) => ({ personId: p.id, personName: p.name, regionId: p.region_id, regionName: p.region_name, missingRoles: missingRolesOf(rolesByPerson.get(p.id) ?? []) }))
    .filter((p) => p.missingRoles.length > 0);
  return {
    carriers: [...carriers.values()]
      .map((c) => ({ userId: c.userId, name: c.name, phone: c.phone, persons: c.persons.size, roles: [...c.roles] }))
      .sort((a, b) => b.persons - a.persons || a.name.localeCompare(b.name))
      .slice(0, limit),
    underControl: underControl.length,
    incomplete: incomplete.slice(0, limit),
    incompleteCount: incomplete.length,
  };
}
