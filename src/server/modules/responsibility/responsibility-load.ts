// The HQ view of responsibility: who carries how many persons (accounts by id, contacts by
// their phone's keyed hash, so one person entered twice counts once), and the persons under
// control (an active home quarantine order, or coloured red or yellow) with a role missing.
// Who carries how many is read from the counters kept with every change of members
// (responsibility-counters.ts): the subtree's largest, then the names of those alone. The
// persons under control are few (an order in force, or red or yellow); their roles are read by
// person through the members' person index.
import { RESPONSIBLE_ROLES, type ResponsibilityLoad, type ResponsibleRole } from '../../../shared/responsibility.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { displayNamesById } from '../accounts/accounts.queries.ts';
import { personNamesById } from '../households/households.queries.ts';
import { activeOrderPersonsIn } from '../quarantine/quarantine.queries.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { redOrYellowPersonsIn } from '../risk/risk.queries.ts';
import { counterValues, topCounters } from '../stats/counters.ts';
import { PERSONS_PREFIX, roleMetric } from './responsibility-counters.ts';
import * as q from './responsibility.queries.ts';
import { missingRolesOf } from './responsibility.service.ts';

const CHUNK = 500;

/** The persons under control in a subtree (an order in force, or red or yellow), each once, with their region. */
async function personsUnderControl(db: Db, path: string): Promise<Map<string, number>> {
  const byPerson = new Map<string, number>();
  for (const row of [...(await activeOrderPersonsIn(db, path)), ...(await redOrYellowPersonsIn(db, path))]) byPerson.set(row.person_id, row.region_id);
  return byPerson;
}

/** The subtree's carriers who carry most, with names (an account's display name; a contact's name and masked phone) and roles. */
async function topCarriers(db: Db, region: ScopedRegion, limit: number) {
  const regionId = region.id;
  const top = (await topCounters(db, regionId, PERSONS_PREFIX, limit)).map((r) => ({ key: r.metric.slice(PERSONS_PREFIX.length), persons: Number(r.value) }));
  const userIds = top.filter((c) => c.key.startsWith('u:')).map((c) => c.key.slice(2));
  const hashes = top.filter((c) => c.key.startsWith('c:')).map((c) => c.key.slice(2));
  const [accountNames, contactRows, roleCounts] = await Promise.all([
    displayNamesById(db, userIds),
    q.contactsByPhoneHash(db, region.path, hashes),
    counterValues(db, regionId, top.flatMap((c) => RESPONSIBLE_ROLES.map((role) => roleMetric(role, c.key)))),
  ]);
  const contacts = new Map<string, { name: string; phone: string | null }>();
  for (const r of contactRows) if (r.phone_hash && !contacts.has(r.phone_hash)) contacts.set(r.phone_hash, { name: r.name ?? '', phone: r.phone_masked });
  return top
    .map((c) => {
      const account = c.key.startsWith('u:') ? c.key.slice(2) : null;
      const contact = account ? undefined : contacts.get(c.key.slice(2));
      return {
        userId: account,
        name: (account ? accountNames.get(account) : contact?.name) ?? '',
        phone: contact?.phone ?? null,
        persons: c.persons,
        roles: RESPONSIBLE_ROLES.filter((role) => (roleCounts.get(roleMetric(role, c.key)) ?? 0) > 0),
      };
    })
    .sort((a, b) => b.persons - a.persons || a.name.localeCompare(b.name));
}

export async function responsibilityLoad(db: Db, region: ScopedRegion, limit: number): Promise<ResponsibilityLoad> {
  const [carriers, underControl] = await Promise.all([topCarriers(db, region, limit), personsUnderControl(db, region.path)]);
  const ids = [...underControl.keys()];
  const rolesByPerson = new Map<string, ResponsibleRole[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const m of await q.memberRolesOf(db, ids.slice(i, i + CHUNK))) rolesByPerson.set(m.person_id, [...(rolesByPerson.get(m.person_id) ?? []), m.role]);
  }
  const incomplete = ids.map((id) => ({ id, missingRoles: missingRolesOf(rolesByPerson.get(id) ?? []) })).filter((p) => p.missingRoles.length > 0);
  const shown = incomplete.slice(0, limit);
  const [names, regions] = await Promise.all([personNamesById(db, shown.map((p) => p.id)), regionNames(db, [...new Set(shown.map((p) => underControl.get(p.id) ?? 0))])]);
  return {
    carriers,
    underControl: underControl.size,
    incomplete: shown.map((p) => {
      const regionId = underControl.get(p.id) ?? 0;
      return { personId: p.id, personName: names.get(p.id) ?? '', regionId, regionName: regions.get(regionId) ?? '', missingRoles: p.missingRoles };
    }),
    incompleteCount: incomplete.length,
  };
}
