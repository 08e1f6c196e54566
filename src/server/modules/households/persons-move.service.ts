// A person leaving their region: handed over to another grid of this installation (移交, the
// handovers module calls movePerson when the receiver accepts), or gone to a place GridGuard
// does not cover (离开辖区, recordDeparture: when and where to, as a visit's "left" records
// when). Both keep the people counters, the risk colour and the change history in step, in the
// caller's transaction.
import type { Departure, DepartureCreate } from '../../../shared/handovers.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound, unprocessable } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import type { PersonMoveHook } from '../../platform/region-moves.ts';
import { type ChangeValues, recordChange } from '../../platform/versioned.ts';
import { recomputePersonRisk } from '../risk/risk.compute.ts';
import { countPersonChange, countStateOf } from './people-counters.ts';
import { regionFields } from '../regions/regions.queries.ts';
import * as q from './persons.queries.ts';
import { type ConfiguredNeighbour, departureNotice, knownCounties, neighbourOfDeparture, noticeFacts } from './departure-notice.ts';
import { displayNameById } from '../accounts/accounts.queries.ts';
import { dayIn } from '../../platform/time.ts';

/** What a hand-over reads of its person: where they live now, and what the receiver is shown (masked). */
export async function personForHandover(db: Db, id: string) {
  const person = await db.selectFrom('persons').select(['id', 'region_id', 'household_id', 'name', 'id_number_masked', 'category', 'left_on']).where('id', '=', id).executeTakeFirst();
  const region = person && (await regionFields(db, person.region_id, ['path']));
  return person && region ? { ...person, region_path: region.path } : undefined;
}
export type PersonForHandover = NonNullable<Awaited<ReturnType<typeof personForHandover>>>;

/** The masked summaries of several people at once (a page of hand-overs). */
export const personSummaries = (db: Db, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.selectFrom('persons').select(['id', 'name', 'id_number_masked', 'category']).where('id', 'in', ids).execute();

/** A household's region and its path, or undefined when there is no such household. */
export async function householdPlace(db: Db, id: string) {
  const household = await db.selectFrom('households').select(['id', 'region_id']).where('id', '=', id).executeTakeFirst();
  const region = household && (await regionFields(db, household.region_id, ['path']));
  return household && region ? { ...household, path: region.path } : undefined;
}

export interface PersonRegionMove {
  personId: string;
  toRegionId: number;
  toPath: string;
  /** The household the person joins in the new region; null: none. */
  householdId: string | null;
}

/**
 * Moves a person with their records to another region: the household link ends (or becomes the
 * given household), the counters and colour follow, the change is a version of the person, and
 * every module's person-move hook runs (quarantine orders, responsible people).
 */
export async function movePerson(tx: Db, actor: Actor, move: PersonRegionMove, today: string, personMoved: PersonMoveHook): Promise<void> {
  const row = await q.findPerson(tx, move.personId);
  if (!row) throw notFound('person');
  const from = await personForHandover(tx, move.personId);
  if (!from) throw notFound('person');
  const set = { region_id: move.toRegionId, household_id: move.householdId, version: row.version + 1, updated_at: nowIso() };
  await tx.updateTable('persons').set(set).where('id', '=', row.id).execute();
  await countPersonChange(tx, countStateOf(row), countStateOf({ ...row, ...set }));
  await recomputePersonRisk(tx, [row.id], today);
  const fields = ['regionId', 'householdId'];
  const plain = { regionId: [row.region_id, move.toRegionId] as [unknown, unknown], householdId: [row.household_id, move.householdId] as [unknown, unknown] };
  await recordChange(tx, 'person', row.id, row.version + 1, fields, actor.userId, { plain, secretEnc: null });
  await personMoved(tx, { personId: row.id, fromRegionId: row.region_id, toRegionId: move.toRegionId, fromPath: from.region_path, toPath: move.toPath, by: actor.userId });
}

/**
 * 离开辖区: the person left on `leftOn` for `leftTo`; no longer counted, nor coloured. A
 * neighbouring county named by `toCountyCode` must be one GridGuard knows and does not run (one
 * it runs takes a hand-over instead); its 协查函 comes back with the answer.
 */
export async function recordDeparture(tx: Db, ctx: AuditContext, actor: Actor, personId: string, input: DepartureCreate, clock: { today: string; timeZone: string }, neighbours: readonly ConfiguredNeighbour[] = []): Promise<Departure> {
  const { today } = clock;
  const row = await q.findPerson(tx, personId);
  if (!row) throw notFound('person');
  if (row.left_on !== null) throw new AppError('CONFLICT', `leftOn: the person already left on ${row.left_on}`, [{ path: 'leftOn', message: 'already recorded as left' }]);
  if (input.leftOn > today) throw unprocessable('leftOn', 'cannot be in the future');
  const place = await personForHandover(tx, personId);
  if (!place) throw notFound('person');
  // Read before the departure: a departed person is no longer coloured.
  const facts = await noticeFacts(tx, { id: row.id, name: row.name, idNumberMasked: row.id_number_masked, regionPath: place.region_path }, input.leftOn, clock.timeZone);
  const neighbour = await neighbourOfDeparture(tx, neighbours, input.toCountyCode, facts.countyCode);
  const set = { left_on: input.leftOn, left_to: input.leftTo, household_id: null, version: row.version + 1, updated_at: nowIso() };
  await tx.updateTable('persons').set(set).where('id', '=', personId).where('left_on', 'is', null).execute();
  await countPersonChange(tx, countStateOf(row), countStateOf({ ...row, ...set }));
  await recomputePersonRisk(tx, [personId], today);
  // The version keeps what a later read of the 协查函 needs: the county gone to and the colour the
  // departure ended (a letter read again says what the one sent said).
  const plain: ChangeValues['plain'] = {
    householdId: [row.household_id, null],
    leftOn: [null, input.leftOn],
    leftTo: [row.left_to ?? null, input.leftTo],
    ...(neighbour ? { toCountyCode: [null, neighbour.code] } : {}),
    ...(facts.colour !== 'green' ? { riskColour: [facts.colour, null] } : {}),
  };
  await recordChange(tx, 'person', personId, row.version + 1, Object.keys(plain), actor.userId, { plain, secretEnc: null });
  // Where to is a place, not a personal number: it may stand in the audit details.
  await audit(tx, ctx, { action: 'depart', entity: 'person', entityId: personId, regionId: row.region_id, details: { leftOn: input.leftOn, leftTo: input.leftTo, ...(neighbour ? { toCountyCode: neighbour.code } : {}) } });
  const notice = neighbour ? departureNotice(facts, neighbour, input, { displayName: actor.displayName, sentOn: today }) : null;
  return { personId, leftOn: input.leftOn, leftTo: input.leftTo, neighbour, notice };
}

/** The version a departure recorded (the newest naming where to), with who recorded it and when. */
async function departureVersion(db: Db, personId: string) {
  const row = await db
    .selectFrom('record_changes')
    .select(['user_id', 'at', 'values_plain'])
    .where('entity', '=', 'person')
    .where('entity_id', '=', personId)
    .where('fields', 'like', '%"leftTo"%')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!row?.values_plain) return undefined;
  const plain = JSON.parse(row.values_plain) as ChangeValues['plain'];
  const after = (field: string) => (typeof plain[field]?.[1] === 'string' ? (plain[field][1] as string) : null);
  const before = (field: string) => (typeof plain[field]?.[0] === 'string' ? (plain[field][0] as string) : null);
  return { userId: row.user_id, at: row.at, toCountyCode: after('toCountyCode'), colour: before('riskColour') ?? 'green' };
}

/**
 * When and where a person left, if they did (with the person's region, for the audit); a departure to a neighbouring county with its
 * 协查函 made again as it was sent (`sentOn` the day it was recorded, in the county's time zone).
 */
export async function departureOf(db: Db, personId: string, opts: { neighbours: readonly ConfiguredNeighbour[]; timeZone: string }): Promise<{ departure: Departure; regionId: number } | null> {
  const row = await db.selectFrom('persons').select(['id', 'name', 'id_number_masked', 'region_id', 'left_on', 'left_to']).where('id', '=', personId).executeTakeFirst();
  if (!row?.left_on) return null;
  const leftOn = String(row.left_on).slice(0, 10);
  const leftTo = row.left_to ?? '';
  const version = await departureVersion(db, personId);
  if (!version?.toCountyCode) return { departure: { personId, leftOn, leftTo, neighbour: null, notice: null }, regionId: row.region_id };
  const code = version.toCountyCode;
  // A neighbour since dropped from the configuration is still named, by its code.
  const neighbour = { code, name: (await knownCounties(db, opts.neighbours)).find((c) => c.code === code)?.name ?? code };
  const region = await regionFields(db, row.region_id, ['path']);
  const facts = await noticeFacts(db, { id: row.id, name: row.name, idNumberMasked: row.id_number_masked, regionPath: region?.path ?? '/' }, leftOn, opts.timeZone, version.colour);
  const sender = { displayName: (await displayNameById(db, version.userId)) ?? '', sentOn: dayIn(opts.timeZone, new Date(version.at)) };
  return { departure: { personId, leftOn, leftTo, neighbour, notice: departureNotice(facts, neighbour, { leftOn, leftTo }, sender) }, regionId: row.region_id };
}
