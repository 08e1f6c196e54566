// The HQ view of responsibility: who carries how many persons (accounts by id, contacts by
// their phone's keyed hash, so one person entered twice counts once), and the persons under
// control (an active home quarantine order, or coloured red or yellow) with a role missing.
import type { ResponsibilityLoad, ResponsibleRole } from '../../../shared/responsibility.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import * as q from './responsibility.queries.ts';
import { missingRolesOf } from './responsibility.service.ts';

interface Carrier {
  userId: string | null;
  name: string;
  phone: string | null;
  persons: Set<string>;
  roles: Set<ResponsibleRole>;
}

export async function responsibilityLoad(db: Db, region: ScopedRegion, limit: number): Promise<ResponsibilityLoad> {
  const members = await q.membersInSubtree(db, region.path);
  const carriers = new Map<string, Carrier>();
  for (const m of members) {
    const key = m.user_id ? `u:${m.user_id}` : `c:${m.phone_hash}`;
    const carrier = carriers.get(key) ?? { userId: m.user_id, name: (m.user_id ? m.account_name : m.name) ?? '', phone: m.user_id ? null : m.phone_masked, persons: new Set<string>(), roles: new Set<ResponsibleRole>() };
    carrier.persons.add(m.person_id);
    carrier.roles.add(m.role);
    carriers.set(key, carrier);
  }
  const underControl = await q.personsUnderControl(db, region.path);
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
