// Who carries how many (the HQ's view, issue 19), kept in region_counters with every change of a
// person's members, in its transaction: per carrier — an account by id, a contact by the keyed
// hash of their phone — the persons they carry in each subtree, and per role the persons they
// carry in that role. The county's view is then a range of one region's counter rows instead of a
// pass over every member of the county (a pass took seconds at 100,000 members). Recounted
// nightly from the members like the other families.
import type { ResponsibleRole } from '../../../shared/responsibility.ts';
import type { Db } from '../../db/schema.ts';
import { personRegionsInSubtree } from '../households/persons.queries.ts';
import { bumpCounters, type Deltas, rebuildCounters } from '../stats/counters.ts';

export const METRIC_PREFIX = 'responsibility';
export const PERSONS_PREFIX = `${METRIC_PREFIX}.p.`;
export const personsMetric = (carrier: string) => `${PERSONS_PREFIX}${carrier}`;
export const roleMetric = (role: ResponsibleRole, carrier: string) => `${METRIC_PREFIX}.r.${role}.${carrier}`;

export interface MemberLike {
  role: ResponsibleRole;
  user_id: string | null;
  phone_hash: string | null;
}
/** A carrier: the same account, or the same contact phone, whatever the name typed. */
export const carrierOf = (m: Pick<MemberLike, 'user_id' | 'phone_hash'>) => (m.user_id ? `u:${m.user_id}` : `c:${m.phone_hash ?? ''}`);

/** The metrics one person's members add: each carrier once, and each carrier once per role. */
function presence(members: readonly MemberLike[]): Set<string> {
  const out = new Set<string>();
  for (const m of members) {
    out.add(personsMetric(carrierOf(m)));
    out.add(roleMetric(m.role, carrierOf(m)));
  }
  return out;
}

/** The counter deltas of one person's members going from `before` to `after`. */
export function memberDeltas(before: readonly MemberLike[], after: readonly MemberLike[]): Deltas {
  const was = presence(before);
  const is = presence(after);
  const deltas: Record<string, number> = {};
  for (const metric of new Set([...was, ...is])) {
    const d = (is.has(metric) ? 1 : 0) - (was.has(metric) ? 1 : 0);
    if (d !== 0) deltas[metric] = d;
  }
  return deltas;
}

/** Bumps the counters of the person's region (and its ancestors) for a change of their members. */
export async function countMembersChange(tx: Db, regionPath: string, before: readonly MemberLike[], after: readonly MemberLike[]): Promise<void> {
  const deltas = memberDeltas(before, after);
  if (Object.keys(deltas).length > 0) await bumpCounters(tx, regionPath, deltas);
}

/** Recounts the family from the current members of the county's persons. */
export function rebuildResponsibilityCounters(db: Db, rootPath: string): Promise<void> {
  return rebuildCounters(db, rootPath, {
    prefixes: [METRIC_PREFIX],
    count: async (tx, path) => {
      const rows = await tx
        .selectFrom('responsible_members as m')
        .innerJoin(personRegionsInSubtree(tx, path).as('p'), 'p.id', 'm.person_id')
        .select(['m.person_id', 'p.region_id', 'm.role', 'm.user_id', 'm.phone_hash'])
        .where('m.to_at', 'is', null)
        .execute();
      const byPerson = new Map<string, { regionId: number; members: MemberLike[] }>();
      for (const r of rows) {
        const entry = byPerson.get(r.person_id) ?? { regionId: r.region_id, members: [] };
        entry.members.push(r);
        byPerson.set(r.person_id, entry);
      }
      const counts = new Map<string, { regionId: number; metric: string; n: number }>();
      for (const { regionId, members } of byPerson.values()) {
        for (const metric of presence(members)) {
          const key = `${regionId}\u0000${metric}`;
          const c = counts.get(key) ?? { regionId, metric, n: 0 };
          c.n += 1;
          counts.set(key, c);
        }
      }
      return [...counts.values()];
    },
  });
}
