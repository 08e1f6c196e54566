// The household register's purge (after a stand-down, retention/) and risk colours: a purged
// person's colour row goes, and what it counted (risk.yellow / risk.red) is kept in purged_counts,
// so the dashboard's figures and the daily recount keep their numbers.
import type { ForgetPeople } from '../retention/retention-handler.ts';
import { metricOf } from './risk.compute.ts';

export const forgetRiskColours: ForgetPeople = async (tx, { personIds }) => {
  if (personIds.length === 0) return undefined;
  const rows = await tx.selectFrom('person_risk').select(['region_id', 'colour']).where('person_id', 'in', [...personIds]).execute();
  await tx.deleteFrom('person_risk').where('person_id', 'in', [...personIds]).execute();
  return { counts: rows.map((r) => ({ regionId: r.region_id, metric: metricOf(r.colour), n: 1 })) };
};
