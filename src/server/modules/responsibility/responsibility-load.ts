// The HQ view of responsibility: who carries how many persons (accounts by id, contacts by
// their phone's keyed hash, so one person entered twice counts once), and the persons under
// control (an active home quarantine order, or coloured red or yellow) with a role missing.
// Who carries how many is read from the counters kept with every change of members
// (responsibility-counters.ts): the region's N largest through their own index (migration 0038),
// then the names of those N alone, one statement. The persons under control (an order in force,
// or red or yellow — each found by its table's level index at county, town and village level,
// 0031 and 0043) are summed up by one statement: how many, how many lack a role, and the first N
// of those; only the N shown come back to be named and have their missing roles read.
import { RESPONSIBLE_ROLES, type ResponsibilityLoad, type ResponsibleRole } from '../../../shared/responsibility.ts';
import { readEach } from '../../db/read-together.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { displayNamesQuery } from '../accounts/accounts.queries.ts';
import { personNamesQuery } from '../households/households.queries.ts';
import { activeOrderPersonsQuery } from '../quarantine/quarantine.queries.ts';
import { regionNamesQuery } from '../regions/regions.queries.ts';
import { redOrYellowPersonsQuery } from '../risk/risk.queries.ts';
import { counterValuesQuery, topCountersQuery } from '../stats/counters.ts';
import { PERSONS_PREFIX, roleMetric } from './responsibility-counters.ts';
import * as q from './responsibility.queries.ts';
import { missingRolesOf } from './responsibility.service.ts';

/** Migration 0038's index of the carriers' counters, largest first. */
const TOP_INDEX = 'region_counters_resp_top';

/**
 * The view in two reads-together (read-together.ts), each one job on SQLite's reader threads:
 * first who carries most and the persons under control, then the names of what is shown. The
 * reads were one hop each before — a hundred contacts named one at a time — and under ten
 * concurrent requests every hop waited its turn for a thread (docs/benchmarks.md, issue 19).
 */
export async function responsibilityLoad(db: Db, region: ScopedRegion, limit: number): Promise<ResponsibilityLoad> {
  const path = region.path;
  const [topRows, summary] = await readEach(db, [
    topCountersQuery(db, region.id, PERSONS_PREFIX, limit, TOP_INDEX),
    q.underControlSummary(db, activeOrderPersonsQuery(db, path).unionAll(redOrYellowPersonsQuery(db, path)), RESPONSIBLE_ROLES.length, limit),
  ]);
  const top = topRows.map((r) => ({ key: r.metric.slice(PERSONS_PREFIX.length), persons: Number(r.value) }));
  const userIds = top.filter((c) => c.key.startsWith('u:')).map((c) => c.key.slice(2));
  const hashes = top.filter((c) => c.key.startsWith('c:')).map((c) => c.key.slice(2));
  // Both totals are on every row; the rows are the first persons with a role missing (and one without, for the totals).
  const totals = summary[0];
  const regionOfPerson = new Map(summary.filter((r) => Number(r.lacking) === 1).map((r) => [r.person_id, r.region_id]));
  const shown = [...regionOfPerson.keys()];
  const regionOf = (id: string) => regionOfPerson.get(id) ?? 0;

  const [accountRows, contactRows, roleRows, memberRows, nameRows, regionRows] = await readEach(db, [
    displayNamesQuery(db, userIds),
    q.contactsByPhoneHash(db, path, hashes),
    counterValuesQuery(db, region.id, top.flatMap((c) => RESPONSIBLE_ROLES.map((role) => roleMetric(role, c.key)))),
    q.memberRolesOf(db, shown),
    personNamesQuery(db, shown),
    regionNamesQuery(db, [...new Set(shown.map(regionOf))]),
  ]);
  const accountNames = new Map(accountRows.map((r) => [r.id, r.display_name]));
  const contacts = new Map<string, { name: string; phone: string | null }>();
  for (const r of contactRows) if (r.phone_hash) contacts.set(r.phone_hash, { name: r.name ?? '', phone: r.phone_masked });
  const roleCounts = new Map(roleRows.map((r) => [r.metric, Number(r.value)]));
  const rolesByPerson = new Map<string, ResponsibleRole[]>();
  for (const m of memberRows) rolesByPerson.set(m.person_id, [...(rolesByPerson.get(m.person_id) ?? []), m.role]);
  const names = new Map(nameRows.map((r) => [r.id, r.name]));
  const regions = new Map(regionRows.map((r) => [r.id, r.name]));

  const carriers = top
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
  return {
    carriers,
    underControl: Number(totals?.under_control ?? 0),
    incomplete: shown.map((id) => ({
      personId: id,
      personName: names.get(id) ?? '',
      regionId: regionOf(id),
      regionName: regions.get(regionOf(id)) ?? '',
      missingRoles: missingRolesOf(rolesByPerson.get(id) ?? []),
    })),
    incompleteCount: Number(totals?.incomplete ?? 0),
  };
}
