// 人员查询: one search box over the caller's subtree. A valid ID or mobile number is found by
// its keyed hash (nothing is decrypted to search); other text by the name or address terms
// (persons-search.queries.ts). Results are masked like every list.
import { normaliseMobile } from '../../../shared/normalise.ts';
import { type PersonSearchBody, type PersonSearchMatch, type PersonSearchResult, guessSearchMode } from '../../../shared/person-search.ts';
import { isRecordId, isRegionIdText } from '../../../shared/ids.ts';
import type { Compilable } from 'kysely';
import { readNarrowest } from '../../db/read-together.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { invalid } from '../../platform/errors.ts';
import { boundedTotalQuery, totalOf } from '../../platform/list-total.ts';
import { decodeCursor, encodeCursor } from '../../platform/paging.ts';
import type { PersonRow } from './households.tables.ts';
import { idNumberLookupHash } from './person-identity.ts';
import { type SearchAfter, addressSearchPage, addressSearchRows, hashSearchPage, hashSearchRows, searchByName, termCountQuery } from './persons-search.queries.ts';
import { personsTotalQuery } from './persons.queries.ts';
import { termSearchesOf } from './search-terms.ts';
import { toPerson } from './persons.service.ts';

type Row = PersonRow & { address: string | null; term_region_id?: number; term_record_id?: string };

/** The cursor of a search is where it stopped, in its own order; one shape for every mode. */
function afterOf(cursor: string | undefined): SearchAfter | undefined {
  const key = decodeCursor(cursor);
  if (key === undefined) return undefined;
  const [regionId, recordId, personId] = String(key).split('|');
  if (!isRegionIdText(regionId) || !isRecordId(recordId) || !isRecordId(personId)) throw invalid('cursor', 'not a cursor this server issued');
  return { regionId: Number(regionId), recordId, personId };
}

const cursorOf = (r: Row) => encodeCursor(`${r.term_region_id ?? r.region_id}|${r.term_record_id ?? r.id}|${r.id}`);

export async function searchPersons(db: Db, crypto: FieldCrypto, scope: ScopedRegion, body: PersonSearchBody): Promise<PersonSearchResult> {
  const q = body.q.trim();
  const by = body.by ?? 'auto';
  const limit = body.limit ?? 50;
  const after = afterOf(body.cursor);
  const first = body.cursor === undefined;
  // The rows and, on the first page, their total (bounded like every list's: "共 N 条", "1 万+"),
  // read in one job (read-together.ts): of the text's terms, the narrowest one's page and total.
  const finish = async (matchedBy: PersonSearchMatch, alternatives: SearchReads[]): Promise<PersonSearchResult> => {
    const { chosen, results } = await readNarrowest(db, alternatives.map(({ count, page, total }) => ({ count, reads: [total, ...page.queries].filter((r) => r !== undefined) })));
    const { page, total } = alternatives[chosen]!;
    const rows = page.rowsOf(total ? results.slice(1) : results);
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items[items.length - 1];
    return {
      matchedBy,
      items: items.map((r) => ({ ...toPerson(r, crypto, false), address: r.address })),
      nextCursor: more && last ? cursorOf(last) : null,
      ...(total ? { total: totalOf(results[0]!) } : {}),
    };
  };
  const byHash = (matchedBy: 'idNumber' | 'phone', column: 'id_number_hash' | 'phone_hash', hash: string) =>
    finish(matchedBy, [
      {
        page: onePage(hashSearchPage(db, scope.path, column, hash, after?.personId, limit)),
        total: first ? boundedTotalQuery(db, hashSearchRows(db, scope.path, column, hash)) : undefined,
      },
    ]);

  if (by === 'idNumber' || by === 'auto') {
    const hash = idNumberLookupHash(crypto, q);
    if (hash) return byHash('idNumber', 'id_number_hash', hash);
    if (by === 'idNumber') throw invalid('q', 'not a valid ID number: an ID number is found only whole');
  }
  if (by === 'phone' || by === 'auto') {
    const mobile = normaliseMobile(q);
    if (mobile.ok) return byHash('phone', 'phone_hash', crypto.index(mobile.value));
    if (by === 'phone') throw invalid('q', 'not a mobile number: a phone number is found only whole (11 digits)');
  }

  const mode = by === 'name' || by === 'address' ? by : guessSearchMode(q);
  const kind = mode === 'name' ? 'n' : 'a';
  const searches = termSearchesOf(kind, q);
  if (!searches.length) throw invalid('q', 'an address is searched by at least two characters');
  // Both totals keep their walk's region order, so the count stops at the bound (list-total.ts).
  const reads = searches.map((terms): SearchReads => {
    const search = { ...terms, after, limit };
    return mode === 'name'
      ? {
          count: termCountQuery(db, kind, terms.term, scope.path),
          page: searchByName(db, scope.path, search),
          total: first ? personsTotalQuery(db, scope.path, { name: terms }) : undefined,
        }
      : {
          count: termCountQuery(db, kind, terms.term, scope.path),
          page: onePage(addressSearchPage(db, scope.path, search)),
          total: first ? boundedTotalQuery(db, addressSearchRows(db, scope.path, terms).orderBy('t.region_id'), true) : undefined,
        };
  });
  return finish(mode, reads);
}

/** One way to read a search: its page (one or two reads), its total on a first page, and what its term costs. */
interface SearchReads {
  count?: Compilable;
  page: { queries: Compilable[]; rowsOf(results: unknown[][]): Row[] };
  total: Compilable | undefined;
}

/** A page that is one read. */
const onePage = (query: Compilable) => ({ queries: [query], rowsOf: ([rows]: unknown[][]) => (rows ?? []) as Row[] });
