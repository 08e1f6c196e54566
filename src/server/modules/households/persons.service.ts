// People: registered with a validated, encrypted ID number (one person per ID number in the
// county), listed masked, read in full only by roles that register people, with a purpose that
// goes into the audit log.
import type { Person, PersonCategory, PersonCreate, PersonOwnFields } from '../../../shared/households.ts';
import { PERSON_RULES, type PersonRuleIssue, personRuleIssues } from '../../../shared/person-rules.ts';
import type { Compilable } from 'kysely';
import { readNarrowest } from '../../db/read-together.ts';
import type { Db } from '../../db/schema.ts';
import { fromBool, isUniqueViolation, toBool } from '../../db/dialect.ts';
import { type Actor, type ScopedRegion, inSubtree } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { recordOutOfRegionAnswers } from '../../platform/disclosures.ts';
import type { RevealGrant } from '../../platform/reveal.ts';
import { afterRollback } from '../../platform/transaction.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { UUID_RE, newId, nowIso } from '../../platform/ids.ts';
import { decodeRegionCursor, page, regionCursorKey, regionOrderedReads } from '../../platform/paging.ts';
import { termSearchesOf } from './search-terms.ts';
import { termCountQuery } from './persons-search.queries.ts';
import { normaliseMobile } from '../../../shared/normalise.ts';
import { guessSearchMode } from '../../../shared/person-search.ts';
import { readPageWithTotal, totalOf, totalReads } from '../../platform/list-total.ts';
import { type SubtreeCounter, counterOverBoundQuery } from '../stats/subtree-counter.ts';
import type { PersonRow } from './households.tables.ts';
import { countPersonChange, countStateOf } from './people-counters.ts';
import { idNumberLookupHash, storeIdNumber, storePhone } from './person-identity.ts';
import * as q from './persons.queries.ts';
import { recomputePersonRisk } from '../risk/risk.compute.ts';

export function toPerson(row: PersonRow, crypto: FieldCrypto, reveal: boolean): Person {
  return {
    id: row.id,
    householdId: row.household_id,
    regionId: row.region_id,
    name: row.name,
    idNumber: reveal && row.id_number_enc ? crypto.decrypt(row.id_number_enc) : row.id_number_masked,
    phone: reveal && row.phone_enc ? crypto.decrypt(row.phone_enc) : row.phone_masked,
    gender: row.gender === 'male' || row.gender === 'female' ? row.gender : null,
    birthDate: row.birth_date,
    category: row.category,
    origin: row.origin,
    arrivedOn: row.arrived_on,
    travelMode: (row.travel_mode as Person['travelMode']) ?? null,
    employer: row.employer,
    dwellingRelation: (row.dwelling_relation as Person['dwellingRelation']) ?? null,
    keyPerson: toBool(row.key_person),
    keyPersonReason: row.key_person_reason,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** Some of a person's own fields: all but the numbers (encrypted apart), where the person lives and what the record keeps. */
type OwnValues = Partial<PersonOwnFields>;

/** A value's columns, or none when the value was not given. */
const given = <T>(value: T | undefined, columns: (value: T) => Partial<PersonRow>): Partial<PersonRow> => (value === undefined ? {} : columns(value));

/**
 * The columns of the own fields given (a patch's, or a new person's); the rest stay out. Every
 * own field has its entry: a field the contract gains is a compile error here until it has a column.
 */
export function ownColumnsOf(v: OwnValues): Partial<PersonRow> {
  const columns: { [K in keyof OwnValues]-?: Partial<PersonRow> } = {
    name: given(v.name, (name) => ({ name })),
    category: given(v.category, (category) => ({ category })),
    origin: given(v.origin, (origin) => ({ origin })),
    arrivedOn: given(v.arrivedOn, (arrived_on) => ({ arrived_on })),
    travelMode: given(v.travelMode, (travel_mode) => ({ travel_mode })),
    employer: given(v.employer, (employer) => ({ employer })),
    dwellingRelation: given(v.dwellingRelation, (dwelling_relation) => ({ dwelling_relation })),
    keyPerson: given(v.keyPerson, (keyPerson) => ({ key_person: fromBool(keyPerson) })),
    keyPersonReason: given(v.keyPersonReason, (key_person_reason) => ({ key_person_reason })),
  };
  return Object.values(columns).reduce<Partial<PersonRow>>((set, c) => ({ ...set, ...c }), {});
}

export async function personForScope(db: Db, id: string): Promise<ScopedRegion | null> {
  if (!UUID_RE.test(id)) return null;
  const row = await db
    .selectFrom('persons as p')
    .innerJoin('regions as r', 'r.id', 'p.region_id')
    .select(['r.id', 'r.path', 'r.level'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The same ID number twice in the county is a conflict the user sees (and can merge). Outside
 * the caller's region the answer says only "in another region" (how a worker learns to ask for
 * a transfer), and is kept even though the request is refused: an account asking about many
 * other regions' people raises an alert (platform/disclosures.ts).
 */
export async function assertIdNumberFree(db: Db, ctx: AuditContext, actor: Actor, hash: string, exceptId?: string) {
  const others = (await q.findByIdNumberHash(db, hash)).filter((p) => p.id !== exceptId);
  const first = others[0];
  if (!first) return;
  const visible = inSubtree(actor.regionPath, first.path);
  if (!visible) {
    const answer = { entity: 'person', entityId: first.id, regionId: first.region_id };
    await afterRollback(db, (root) => recordOutOfRegionAnswers(root, ctx, [answer]));
  }
  throw new AppError(
    'DUPLICATE',
    visible ? `idNumber: already registered as person ${first.id}` : 'idNumber: already registered in another region',
    [{ path: 'idNumber', message: visible ? `already registered: ${first.id}` : 'already registered in another region' }],
  );
}

/**
 * The person rules (shared/person-rules.ts) over the values as they will stand: the first rule
 * broken is refused, naming each of its fields.
 */
export function assertPersonRules(issues: PersonRuleIssue[]): void {
  const code = issues[0]?.code;
  if (!code) return;
  const broken = issues.filter((i) => i.code === code).map(({ path, message }) => ({ path, message }));
  throw new AppError('VALIDATION_ERROR', `${broken.map((i) => i.path).join(', ')}: ${PERSON_RULES[code].summary}`, broken);
}

export async function createPerson(
  tx: Db,
  ctx: AuditContext,
  crypto: FieldCrypto,
  actor: Actor,
  region: ScopedRegion,
  input: PersonCreate,
  today: string,
): Promise<Person> {
  assertPersonRules(personRuleIssues(input, today));
  let regionId = input.regionId;
  if (input.householdId) {
    const household = await tx.selectFrom('households').select('region_id').where('id', '=', input.householdId).executeTakeFirst();
    if (!household) throw notFound('household');
    regionId = household.region_id;
  }
  if (regionId === undefined || (region.level !== 'grid' && region.level !== 'microgrid' && !input.householdId)) {
    throw new AppError('VALIDATION_ERROR', 'regionId: give the grid or the household the person lives in', [{ path: 'regionId', message: 'a grid, micro-grid or a householdId is required' }]);
  }
  const identity = input.idNumber ? storeIdNumber(crypto, input.idNumber) : null;
  if (identity) await assertIdNumberFree(tx, ctx, actor, identity.id_number_hash);
  const phone = input.phone ? storePhone(crypto, input.phone) : null;
  const now = nowIso();
  const row: PersonRow = {
    id: input.id ?? newId(),
    household_id: input.householdId ?? null,
    region_id: regionId,
    name: input.name,
    gender: identity?.gender ?? null,
    birth_date: identity?.birth_date ?? null,
    id_number_enc: identity?.id_number_enc ?? null,
    id_number_hash: identity?.id_number_hash ?? null,
    id_number_masked: identity?.id_number_masked ?? null,
    phone_enc: phone?.enc ?? null,
    phone_hash: phone?.hash ?? null,
    phone_masked: phone?.masked ?? null,
    category: input.category,
    origin: input.origin ?? null,
    arrived_on: input.arrivedOn ?? null,
    travel_mode: input.travelMode ?? null,
    employer: input.employer ?? null,
    key_person: fromBool(input.keyPerson),
    key_person_reason: input.keyPersonReason ?? null,
    dwelling_relation: input.dwellingRelation ?? null,
    left_on: null,
    left_to: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  try {
    await tx.insertInto('persons').values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', 'id: a person with this id exists', [{ path: 'id', message: 'already exists' }]);
    throw err;
  }
  await countPersonChange(tx, null, countStateOf(row));
  await recomputePersonRisk(tx, [row.id], today);
  await audit(tx, ctx, { action: 'create', entity: 'person', entityId: row.id, regionId, details: { category: row.category } });
  return toPerson(row, crypto, false);
}

/** One person, audited as a read (or, with a grant to reveal, a reveal with its purpose). */
export async function getPerson(db: Db, ctx: AuditContext, crypto: FieldCrypto, id: string, grant: RevealGrant): Promise<Person> {
  const row = await q.findPerson(db, id);
  if (!row) throw notFound('person');
  await audit(db, ctx, { action: grant.reveal ? 'reveal' : 'read', entity: 'person', entityId: id, regionId: row.region_id, purpose: grant.purpose });
  return toPerson(row, crypto, grant.reveal);
}

/**
 * What the list's q= searches, read as 人员查询 reads it (shared/person-search.ts): a valid ID
 * or mobile number by its keyed hash (nothing decrypted), text with an address word or digit the
 * household's address, anything else a name. A text of several terms gives one filter per term,
 * with the term's count: the list walks the narrowest (readNarrowest).
 */
function textFiltersOf(db: Db, crypto: FieldCrypto, path: string, text: string): { filter: Pick<q.PersonFilters, 'idHash' | 'phoneHash' | 'name' | 'address'>; count?: Compilable }[] {
  const idHash = idNumberLookupHash(crypto, text);
  if (idHash) return [{ filter: { idHash } }];
  const mobile = normaliseMobile(text);
  if (mobile.ok) return [{ filter: { phoneHash: crypto.index(mobile.value) } }];
  const kind = guessSearchMode(text) === 'name' ? 'n' : 'a';
  const searches = termSearchesOf(kind, text);
  if (!searches.length && kind === 'a') throw invalid('q', 'an address is searched by at least two characters');
  if (!searches.length) return [{ filter: {} }];
  return searches.map((s) => ({ filter: kind === 'n' ? { name: s } : { address: s }, count: termCountQuery(db, kind, s.term, path) }));
}

/**
 * The counter that counts at most the people a list shows: all of the subtree's (`persons`), or
 * of one category (`persons.<category>`); both count those living there, the list those who left too.
 */
function personsCounterOf(scope: ScopedRegion, filters: q.PersonFilters): SubtreeCounter | undefined {
  const { category, ...rest } = filters;
  if (Object.values(rest).some((v) => v !== undefined)) return undefined;
  return { regionId: scope.id, path: scope.path, metric: category ? `persons.${category}` : 'persons' };
}

export async function listPersons(
  db: Db,
  crypto: FieldCrypto,
  scope: ScopedRegion,
  query: { householdId?: string; category?: PersonCategory; keyPerson?: 'true' | 'false'; q?: string; limit: number; cursor?: string },
  /** Full numbers: only the export passes it, after revealGrant and its audit entry. */
  reveal = false,
) {
  const after = decodeRegionCursor(query.cursor, 1);
  const base = {
    householdId: query.householdId,
    category: query.category,
    keyPerson: query.keyPerson === undefined ? undefined : query.keyPerson === 'true',
  };
  const pageOf = (filters: q.PersonFilters) => regionOrderedReads(after && { regionId: after.regionId, key: after.key[0]! }, query.limit, q.personsPageQueries(db, scope.path, filters));
  if (!query.q) {
    // A first page of the whole subtree (or a category) whose counter is over the bound says
    // "more than the bound" without walking 10,001 index entries (stats/subtree-counter.ts): the
    // counter, the count it spares and the page, one job (list-total.ts).
    const counter = query.cursor ? undefined : personsCounterOf(scope, base);
    const pageReads = pageOf(base);
    const totals = totalReads(db, query.cursor, q.personsCounted(db, scope.path, base), true, counter && counterOverBoundQuery(db, counter));
    const { results, total } = await readPageWithTotal(db, pageReads.queries, totals);
    return { ...page(pageReads.rowsOf(results), query.limit, (r) => regionCursorKey(r.region_id, r.id), (r) => toPerson(r, crypto, reveal)), total };
  }
  // The page and, on a first page, its total in one job (read-together.ts), for the narrowest term of q=.
  const ways = textFiltersOf(db, crypto, scope.path, query.q).map(({ filter, count }) => {
    const filters = { ...base, ...filter };
    const pageReads = pageOf(filters);
    const total = query.cursor ? undefined : q.personsTotalQuery(db, scope.path, filters);
    return { count, pageReads, total };
  });
  const { chosen, results } = await readNarrowest(db, ways.map((w) => ({ count: w.count, reads: w.total ? [w.total, ...w.pageReads.queries] : w.pageReads.queries })));
  const { pageReads, total: counted } = ways[chosen]!;
  const rows = pageReads.rowsOf(counted ? results.slice(1) : results);
  const total = counted ? totalOf(results[0]!) : undefined;
  return { ...page(rows, query.limit, (r) => regionCursorKey(r.region_id, r.id), (r) => toPerson(r, crypto, reveal)), total };
}

