// The person rules exist once (shared/person-rules.ts): the API, the people import and the grid
// worker's phone refuse the same values, on the same fields.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import type { PersonCategory } from '../../../shared/households.ts';
import { InvalidChange, checkPerson } from '../../../client/offline/household-changes.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import type { PersonImportField } from '../imports/person-columns.ts';
import { parsePersonRow } from '../imports/person-row.ts';

let t: TestApp;
let worker: Record<string, string>;
let today: string;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  today = dayIn(t.app.config.timeZone);
});
afterAll(() => t.close());

interface Values {
  category: PersonCategory;
  origin?: string;
  /** Days from today. */
  arrivedIn?: number;
  keyPerson?: boolean;
  keyPersonReason?: string;
}
const CASES: { name: string; values: Values; refused: string[] }[] = [
  { name: 'a key person without a reason', values: { category: 'resident', keyPerson: true }, refused: ['keyPersonReason'] },
  { name: 'a key person with a reason', values: { category: 'resident', keyPerson: true, keyPersonReason: '密切接触者' }, refused: [] },
  { name: 'a returnee without where from and when', values: { category: 'returnee' }, refused: ['origin', 'arrivedOn'] },
  { name: 'a returnee without the day', values: { category: 'returnee', origin: '湖北省武汉市' }, refused: ['arrivedOn'] },
  { name: 'a returnee with both', values: { category: 'returnee', origin: '湖北省武汉市', arrivedIn: -1 }, refused: [] },
  { name: 'a visitor arriving the day after tomorrow', values: { category: 'visitor', arrivedIn: 2 }, refused: ['arrivedOn'] },
  { name: 'a resident with nothing more', values: { category: 'resident' }, refused: [] },
];

const personOf = (v: Values) => ({
  name: '规则甲',
  category: v.category,
  ...(v.origin ? { origin: v.origin } : {}),
  ...(v.arrivedIn !== undefined ? { arrivedOn: addDays(today, v.arrivedIn) } : {}),
  ...(v.keyPerson ? { keyPerson: true } : {}),
  ...(v.keyPersonReason ? { keyPersonReason: v.keyPersonReason } : {}),
});

/** The fields the people import refuses in a row with these values (its columns named by field). */
function importRefuses(v: Values): string[] {
  const person = personOf(v);
  const cells: Partial<Record<PersonImportField, string>> = {
    address: '东村规则1号',
    name: person.name,
    category: person.category,
    ...(person.origin ? { origin: person.origin } : {}),
    ...(person.arrivedOn ? { arrivedOn: person.arrivedOn } : {}),
    ...(person.keyPerson ? { keyPerson: '是' } : {}),
    ...(person.keyPersonReason ? { keyPersonReason: person.keyPersonReason } : {}),
  };
  const fields = Object.keys(cells);
  const columns = Object.fromEntries(fields.map((field, index) => [field, { index, label: field }]));
  const result = parsePersonRow(
    { row: 2, values: Object.values(cells) },
    { crypto: t.app.fieldCrypto, jobId: 'rules', today, columns, defaultRegion: { id: t.tree.gridA, path: '/', level: 'grid' }, regionByCode: () => 'unknown' },
  );
  return result.ok === false ? result.rejections.map((r) => r.column) : [];
}

/** The fields the phone refuses before it queues the registration. */
function phoneRefuses(v: Values): string[] {
  try {
    checkPerson({ ...personOf(v), regionId: t.tree.gridA }, today);
    return [];
  } catch (err) {
    if (err instanceof InvalidChange) return err.issues.map((i) => i.path);
    throw err;
  }
}

describe('the person rules, everywhere a person comes in', () => {
  it.each(CASES)('$name: the API, the import and the phone agree', async ({ values, refused }) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', headers: worker, payload: { regionId: t.tree.gridA, ...personOf(values) } });
    if (refused.length) {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(refused);
    } else expect(res.statusCode, res.body).toBe(201);
    expect(importRefuses(values)).toEqual(refused);
    expect(phoneRefuses(values)).toEqual(refused);
  });
});
