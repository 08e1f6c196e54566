// The household register's purge after a stand-down whose county chose to purge it (解除, register:
// 'purge'): every household of the stood-down subtree goes with its people, and the subtree's
// people on no household — those registered before the stand-down was recorded (the DueQuery's
// closedBefore: what was collected for the emergency, not what is registered after it).
// A household waits while another module still works on one of its people (an open quarantine
// order, a pending hand-over: `held`), and goes at the first purge after that work closes. Each
// batch is one transaction: the modules' records of the people (`forget`), the visits and change
// history, the people, the households — and what they counted (persons by category, key
// persons, households) is kept in purged_counts, so the counters and the nightly recount keep
// their numbers.
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { DueQuery, ForgetPeople, PeopleHeld, PurgeOutcome, RetentionHandler } from '../retention/retention-handler.ts';
import { byRegion, ids } from '../retention/retention-handler.ts';
import { subtreeRegionIds } from '../regions/regions.queries.ts';
import { countStateOf } from './people-counters.ts';

export interface RegisterPurgeDeps {
  held: readonly PeopleHeld[];
  forget: readonly ForgetPeople[];
}

/** Whether the person aliased `p` is held by some module's open work. */
const isHeld =
  (db: Db, held: readonly PeopleHeld[]) =>
  // biome-ignore lint/suspicious/noExplicitAny: used in queries of persons aliased `p`, alone or under households
  (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.or(held.map((h) => eb(sql.ref('p.id'), 'in', h(db))));

const dueHouseholds = (db: Db, q: DueQuery, held: readonly PeopleHeld[]) =>
  db
    .selectFrom('households as h')
    .where('h.region_id', 'in', subtreeRegionIds(db, q.rootPath))
    .where('h.created_at', '<', q.closedBefore)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('persons as p').select('p.id').whereRef('p.household_id', '=', 'h.id').where(isHeld(db, held)))));

const duePeople = (db: Db, q: DueQuery, held: readonly PeopleHeld[]) =>
  db
    .selectFrom('persons as p')
    .where('p.region_id', 'in', subtreeRegionIds(db, q.rootPath))
    .where('p.household_id', 'is', null)
    .where('p.created_at', '<', q.closedBefore)
    .where((eb) => eb.not(isHeld(db, held)(eb)));

/** Removes these people (and households), with every module's records of them; returns what they counted. */
async function removePeople(tx: Db, deps: RegisterPurgeDeps, personIds: readonly string[], householdIds: readonly string[]): Promise<PurgeOutcome> {
  const outcome: Required<Pick<PurgeOutcome, 'counts' | 'photos' | 'uploads'>> = { counts: [], photos: [], uploads: [] };
  const people = personIds.length === 0 ? [] : await tx.selectFrom('persons').select(['id', 'region_id', 'category', 'key_person', 'left_on']).where('id', 'in', [...personIds]).execute();
  for (const forget of deps.forget) {
    const part = await forget(tx, { personIds, householdIds });
    outcome.counts.push(...(part?.counts ?? []));
    outcome.photos.push(...(part?.photos ?? []));
    outcome.uploads.push(...(part?.uploads ?? []));
  }
  const entities = [...personIds, ...householdIds];
  if (entities.length > 0) {
    await tx.deleteFrom('record_changes').where('entity', 'in', ['person', 'household']).where('entity_id', 'in', entities).execute();
    await tx.deleteFrom('edit_conflicts').where('entity', 'in', ['person', 'household']).where('entity_id', 'in', entities).execute();
  }
  if (personIds.length > 0) await tx.deleteFrom('persons').where('id', 'in', [...personIds]).execute();
  if (householdIds.length > 0) {
    await tx.deleteFrom('visits').where('household_id', 'in', [...householdIds]).execute();
    const households = await tx.selectFrom('households').select('region_id').where('id', 'in', [...householdIds]).execute();
    await tx.deleteFrom('households').where('id', 'in', [...householdIds]).execute();
    for (const h of households) outcome.counts.push({ regionId: h.region_id, metric: 'households', n: 1 });
  }
  // What a living (not departed) person counted: people-counters.ts deltasOf, as kept counts.
  for (const p of people) {
    const state = countStateOf(p);
    if (!state.active) continue;
    outcome.counts.push({ regionId: state.regionId, metric: 'persons', n: 1 }, { regionId: state.regionId, metric: `persons.${state.category}`, n: 1 });
    if (state.keyPerson) outcome.counts.push({ regionId: state.regionId, metric: 'key_persons', n: 1 });
  }
  return outcome;
}

/** The two handlers of the register: households with their people, and people on no household. */
export function householdRegisterRetention(deps: RegisterPurgeDeps): RetentionHandler[] {
  const households: RetentionHandler = {
    // In the order of the (region_id, id) index, which the subtree's region list is walked in:
    // the limit then stops the walk. By id alone every household of the subtree was read and
    // sorted for each window (0.9 s at 50,000 people, 2–3 s at 250,000, however small the
    // window); this way a window of 500 takes ~10 ms.
    due: (db, q, limit) => dueHouseholds(db, q, deps.held).select(['h.id', 'h.region_id as regionId']).orderBy('h.region_id').orderBy('h.id').limit(limit).execute(),
    countDue: async (db, q) => byRegion(await dueHouseholds(db, q, deps.held).select(['h.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('h.region_id').execute()),
    async purge(tx, records) {
      // Checked again inside the transaction: work may have begun on a member since the batch was read.
      const heldNow = new Set(
        (
          await tx
            .selectFrom('persons as p')
            .select('p.household_id')
            .where('p.household_id', 'in', ids(records))
            .where(isHeld(tx, deps.held))
            .execute()
        ).map((r) => r.household_id as string),
      );
      const householdIds = ids(records).filter((id) => !heldNow.has(id));
      const personIds = householdIds.length === 0 ? [] : (await tx.selectFrom('persons').select('id').where('household_id', 'in', householdIds).execute()).map((r) => r.id);
      return { ...(await removePeople(tx, deps, personIds, householdIds)), kept: [...heldNow] };
    },
  };
  const people: RetentionHandler = {
    due: (db, q, limit) => duePeople(db, q, deps.held).select(['p.id', 'p.region_id as regionId']).orderBy('p.id').limit(limit).execute(),
    countDue: async (db, q) => byRegion(await duePeople(db, q, deps.held).select(['p.region_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('p.region_id').execute()),
    async purge(tx, records) {
      const heldNow = new Set((await tx.selectFrom('persons as p').select('p.id').where('p.id', 'in', ids(records)).where(isHeld(tx, deps.held)).execute()).map((r) => r.id));
      const personIds = ids(records).filter((id) => !heldNow.has(id));
      return { ...(await removePeople(tx, deps, personIds, [])), kept: [...heldNow] };
    },
  };
  return [households, people];
}
