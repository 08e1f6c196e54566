// A departure to a neighbouring county (离开辖区, issue 19): the counties GridGuard knows — those on
// this installation, where a move is a hand-over, and the neighbours named in the configuration
// (GRIDGUARD_NEIGHBOUR_COUNTIES), which GridGuard does not run — and the 协查函 to send a
// neighbour when a person under control leaves for it. The text goes back to the staff member who
// recorded the departure, to send by phone, fax or chat; it is never logged nor stored as text:
// a later read (GET /persons/:id/departure, audited) makes it again from the departure's version
// (where to, the county, the colour it ended), who recorded it and when.
import type { NeighbourCounty } from '../../../shared/handovers.ts';
import { ancestorIdAt } from '../../../shared/region-path.ts';
import type { Db } from '../../db/schema.ts';
import { unprocessable } from '../../platform/errors.ts';
import { orderNumberInForceOn } from '../quarantine/quarantine.queries.ts';
import { countyRoots, namesBelowCounty, regionFields, regionsFields } from '../regions/regions.queries.ts';
import { coloursOf } from '../risk/risk.queries.ts';

export type ConfiguredNeighbour = { code: string; name: string };

/** The counties on this installation first (a hand-over reaches them), then the configured neighbours not among them. */
export async function knownCounties(db: Db, configured: readonly ConfiguredNeighbour[]): Promise<NeighbourCounty[]> {
  const roots = await countyRoots(db);
  const codes = await regionsFields(db, roots.map((r) => r.id), ['id', 'code']);
  const installed = roots.map((r) => ({ code: codes.find((c) => c.id === r.id)?.code ?? '', name: r.name, onThisInstallation: true }));
  const installedCodes = new Set(installed.map((c) => c.code));
  return [...installed, ...configured.filter((c) => !installedCodes.has(c.code)).map((c) => ({ ...c, onThisInstallation: false }))];
}

/**
 * The county a departure names, checked: one on this installation is not a departure but a
 * hand-over (refused, saying so); one GridGuard does not know is refused, naming the field.
 */
export async function neighbourOfDeparture(db: Db, configured: readonly ConfiguredNeighbour[], code: string | undefined, personCountyCode: string): Promise<ConfiguredNeighbour | null> {
  if (code === undefined) return null;
  const county = (await knownCounties(db, configured)).find((c) => c.code === code);
  if (!county) throw unprocessable('toCountyCode', 'not a neighbouring county GridGuard knows: leave it out and write the place in leftTo');
  if (code === personCountyCode) throw unprocessable('toCountyCode', 'the person’s own county: a move inside it is a hand-over to another grid');
  if (county.onThisInstallation) throw unprocessable('toCountyCode', `${county.name} runs on this installation: hand the person over to one of its grids instead`);
  return { code: county.code, name: county.name };
}

export interface NoticePerson {
  id: string;
  name: string;
  idNumberMasked: string | null;
  regionPath: string;
}

/**
 * The facts the notice needs: the person's county and place, the order in force on the day they
 * left, and their colour — read now when the departure is recorded (before it: a departed person
 * is no longer coloured), or the colour the departure kept in its version when read again later.
 */
export async function noticeFacts(db: Db, person: NoticePerson, leftOn: string, timeZone: string, colourAtDeparture?: string) {
  const countyId = ancestorIdAt(person.regionPath, 'county');
  const [county, places, colour, orderNumber] = await Promise.all([
    countyId === null ? undefined : regionFields(db, countyId, ['name', 'code']),
    namesBelowCounty(db, [person.regionPath]),
    colourAtDeparture ?? coloursOf(db, [person.id]).then((c) => c.get(person.id) ?? 'green'),
    orderNumberInForceOn(db, person.id, leftOn, timeZone),
  ]);
  return {
    person,
    countyName: county?.name ?? '',
    countyCode: county?.code ?? '',
    place: (places.get(person.regionPath) ?? []).join(''),
    colour,
    orderNumber,
  };
}
export type NoticeFacts = Awaited<ReturnType<typeof noticeFacts>>;

const COLOUR_WORDS: Record<string, string> = { red: '红码', yellow: '黄码' };

/** 协查函: who left, when, for where, what control they were under, and who to call back. */
export function departureNotice(facts: NoticeFacts, to: ConfiguredNeighbour, departure: { leftOn: string; leftTo: string }, sender: { displayName: string; sentOn: string }): string {
  const control = [
    facts.orderNumber ? `居家隔离中（隔离单号 ${facts.orderNumber}）` : null,
    COLOUR_WORDS[facts.colour] ? `风险赋码为${COLOUR_WORDS[facts.colour]}` : null,
  ].filter(Boolean);
  return [
    `关于协助做好外出人员健康管理的函`,
    `${to.name}疫情防控工作指挥部：`,
    `我县（${facts.countyName}）${facts.place}居民${facts.person.name}（身份证号 ${facts.person.idNumberMasked ?? '未登记'}）于 ${departure.leftOn} 离开我县，前往贵县${departure.leftTo}。`,
    control.length ? `该人员离开时${control.join('，')}，请贵县按管控要求做好落地核查和健康管理。` : '请贵县做好落地核查和健康管理。',
    `完整身份信息请向我方联系人核实后提供。如核查发现该人员未到达或另有去向，请及时告知我方。`,
    `联系人：${sender.displayName}（${facts.countyName}${facts.place}）`,
    `${facts.countyName}疫情防控工作指挥部`,
    sender.sentOn,
  ].join('\n');
}
