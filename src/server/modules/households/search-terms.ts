// Which entry of the term index (migration 0023's search_terms) a name or address search walks:
// the text itself when it is one term, else the pair of it the fewest records carry, with the
// whole text checked on the rows found. Shared by 人员查询 and the people list's name filter.
import type { Db } from '../../db/schema.ts';
import { termCount } from './persons-search.queries.ts';

/** Counting a pair's records stops here: enough to tell a common pair from a rare one. */
const TERM_COUNT_CAP = 2_000;

/** The characters and pairs of a text the term index holds (names: both; addresses: pairs). */
export function termsOf(text: string, singles: boolean): string[] {
  const chars = [...text];
  if (chars.length === 1) return singles ? chars : [];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  return [...pairs];
}

/** Of a long text's pairs, the one fewest records carry: the shortest walk. */
async function narrowestTerm(db: Db, kind: 'n' | 'a', terms: string[]): Promise<string> {
  let best = terms[0]!;
  let bestCount = Number.POSITIVE_INFINITY;
  for (const term of terms) {
    const n = await termCount(db, kind, term, TERM_COUNT_CAP);
    if (n < bestCount) [best, bestCount] = [term, n];
    if (n === 0) break;
  }
  return best;
}

/** The search a text makes of the index, or null when it has no term (an address of one character). */
export async function termSearchOf(db: Db, kind: 'n' | 'a', q: string): Promise<{ term: string; whole: string | null } | null> {
  const text = q.replace(/\s+/g, '').toLowerCase();
  const terms = termsOf(text, kind === 'n');
  if (!terms.length) return null;
  const term = terms.length === 1 ? terms[0]! : await narrowestTerm(db, kind, terms);
  return { term, whole: [...text].length > [...term].length ? text : null };
}
