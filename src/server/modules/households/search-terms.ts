// Which entry of the term index (migration 0023's search_terms) a name or address search walks:
// the text itself when it is one term, else the pair of it the fewest records carry, with the
// whole text checked on the rows found. Shared by 人员查询 and the people list's name filter.
import type { Db } from '../../db/schema.ts';
import { termCount } from './persons-search.queries.ts';

/** The characters and pairs of a text the term index holds (names: both; addresses: pairs). */
export function termsOf(text: string, singles: boolean): string[] {
  const chars = [...text];
  if (chars.length === 1) return singles ? chars : [];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}

/** Of a long text's pairs, the one fewest records carry: the shortest walk. */
async function narrowestTerm(db: Db, kind: 'n' | 'a', terms: string[], path: string): Promise<string> {
  let best = terms[0]!;
  let bestCount = Number.POSITIVE_INFINITY;
  for (const term of terms) {
    const n = await termCount(db, kind, term, path);
    if (n < bestCount) [best, bestCount] = [term, n];
    if (n === 0) break;
  }
  return best;
}

/** One search of the index: the term it walks, and the whole text when longer than the term. */
export type TermSearchOf = { term: string; whole: string | null };

/**
 * The searches a text could make of the index, one per term of it (one: the text is its own
 * term), for the caller to walk the narrowest (read-together.ts's readNarrowest counts each with
 * termCountQuery, the term's counter); empty when it has no term (an address of one character).
 */
export function termSearchesOf(kind: 'n' | 'a', q: string): TermSearchOf[] {
  const text = q.replace(/\s+/g, '').toLowerCase();
  return termsOf(text, kind === 'n').map((term) => ({ term, whole: [...text].length > [...term].length ? text : null }));
}

/** The search a text makes of the index, or null when it has no term (an address of one character). */
export async function termSearchOf(db: Db, kind: 'n' | 'a', q: string, path: string): Promise<TermSearchOf | null> {
  const searches = termSearchesOf(kind, q);
  if (searches.length < 2) return searches[0] ?? null;
  const term = await narrowestTerm(db, kind, searches.map((s) => s.term), path);
  return searches.find((s) => s.term === term) ?? null;
}
