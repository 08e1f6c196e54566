// The HQ view of responsibility: who carries how many persons (accounts by id, contacts by
// their phone's keyed hash, so one person entered twice counts once), and the persons under
// control (an active home quarantine order, or coloured red or yellow) with a role missing.
// Who carries how many is read from the counters kept with every change of members
// (responsibility-counters.ts): the region's N largest through their own index (migration 0038),
// then the names of those N alone, one indexed read each. The persons under control are few (an
// order in force, or red or yellow): one statement counts the roles each has someone in, and only
// the N shown are named and have their missing roles read.
import { RESPONSIBLE_ROLES, type ResponsibilityLoad, type ResponsibleRole } from '../../../shared/responsibility.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { displayNamesById } from '../accounts/accounts.queries.ts';
import { personNamesById } from '../households/households.queries.ts';
import { activeOrderPersonsQuery } from '../quarantine/quarantine.queries.ts';
import { regionNames } from '../regions/regions.queries.ts';
import { redOrYellowPersonsQuery } from '../risk/risk.queries.ts';
import { counterValues, topCounters } from '../stats/counters.ts';
import { PERSONS_PREFIX, roleMetric } from './responsibility-counters.ts';
import * as q from './responsibility.queries.ts';
import { missingRolesOf } from './responsibility.service.ts';

/** Migration 0038's index of the carriers' counters, largest first. */
const TOP_INDEX = 'region_counters_resp_top';

/** The subtree's carriers who carry most, with names (an account's display name; a contact's name and masked phone) and roles. */
async function topCarriers(db: Db, region: ScopedRegion, limit: number) {
  const regionId = region.id;
  const top = (await topCounters(db, regionId, PERSONS_PREFIX, limit, TOP_INDEX)).map((r) => ({ key: r.metric.slice(PERSONS_PREFIX.length), persons: Number(r.value) }));
  const userIds = top.filter((c) => c.key.startsWith('u:')).map((c) => c.key.slice(2));
  const hashes = top.filter((c) => c.key.startsWith('c:')).map((c) => c.key.slice(2));
  const [accountNames, contactRows, roleCounts] = await Promise.all([
    displayNamesById(db, userIds),
    Promise.all(hashes.map((hash) => q.contactByPhoneHash(db, region.path, hash))),
    counterValues(db, regionId, top.flatMap((c) => RESPONSIBLE_ROLES.map((role) => roleMetric(role, c.key)))),
  ]);
  const contacts = new Map<string, { name: string; phone: string | null }>();
  for (const r of contactRows) if (r?.phone_hash) contacts.set(r.phone_hash, { name: r.name ?? '', phone: r.phone_masked });
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

/** The persons under control in a subtree, each once with their region, and those with a role nobody holds. */
async function underControlIn(db: Db, path: string) {
  const rows = await q.rolesHeldUnderControl(db, activeOrderPersonsQuery(db, path).union(redOrYellowPersonsQuery(db, path)));
  const regionOf = new Map<string, number>();
  const incomplete = new Set<string>();
  for (const r of rows) {
    regionOf.set(r.person_id, r.region_id);
    if (Number(r.held) < RESPONSIBLE_ROLES.length) incomplete.add(r.person_id);
  }
  return { regionOf, incomplete: [...incomplete] };
}

export async function responsibilityLoad(db: Db, region: ScopedRegion, limit: number): Promise<ResponsibilityLoad> {
  const [carriers, underControl] = await Promise.all([topCarriers(db, region, limit), underControlIn(db, region.path)]);
  const shown = underControl.incomplete.slice(0, limit);
  const rolesByPerson = new Map<string, ResponsibleRole[]>();
  for (const m of await q.memberRolesOf(db, shown)) rolesByPerson.set(m.person_id, [...(rolesByPerson.get(m.person_id) ?? []), m.role]);
  const regionOf = (id: string) => underControl.regionOf.get(id) ?? 0;
  const [names, regions] = await Promise.all([personNamesById(db, shown), regionNames(db, [...new Set(shown.map(regionOf))])]);
  return {
    carriers,
    underControl: underControl.regionOf.size,
    incomplete: shown.map((id) => ({
      personId: id,
      personName: names.get(id) ?? '',
      regionId: regionOf(id),
      regionName: regions.get(regionOf(id)) ?? '',
      missingRoles: missingRolesOf(rolesByPerson.get(id) ?? []),
    })),
    incompleteCount: underControl.incomplete.length,
  };
}
