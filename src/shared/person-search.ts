// Finding a person (人员查询): one search box over the caller's subtree. The typed text is sent
// in a POST body, never a URL, because it may be an ID or phone number.
import { z } from 'zod';
import { Person } from './households.ts';
import { RegionIdBody } from './ids.ts';
import { ListTotal, PAGE_LIMIT_DEFAULT } from './paging.ts';

export const PERSON_SEARCH_MODES = ['auto', 'name', 'address', 'idNumber', 'phone'] as const;
export type PersonSearchMode = (typeof PERSON_SEARCH_MODES)[number];
/** What a search was read as: `auto` resolves to one of these. */
export type PersonSearchMatch = Exclude<PersonSearchMode, 'auto'>;

export const PersonSearchBody = z.strictObject({
  q: z.string().trim().min(1).max(100),
  by: z.enum(PERSON_SEARCH_MODES).default('auto'),
  regionId: RegionIdBody.optional(),
  limit: z.number().int().min(1).max(100).default(PAGE_LIMIT_DEFAULT),
  cursor: z.string().max(300).optional(),
});
export type PersonSearchBody = z.input<typeof PersonSearchBody>;

export const PersonSearchHit = Person.extend({ address: z.string().nullable() });
export type PersonSearchHit = z.infer<typeof PersonSearchHit>;

export const PersonSearchResult = z.object({
  matchedBy: z.enum(['name', 'address', 'idNumber', 'phone']),
  items: z.array(PersonSearchHit),
  nextCursor: z.string().nullable(),
  /** On the first page: how many people the search finds (exact up to the lists' bound, then capped). */
  total: ListTotal.optional(),
});
export type PersonSearchResult = z.infer<typeof PersonSearchResult>;

/** Words and marks only addresses have: a search with any of them, or a digit, is an address. */
const ADDRESS_MARKS = /[0-9０-９-]|路|街|巷|弄|号|號|幢|栋|棟|楼|樓|单元|室|组|組|村|镇|鎮|乡|鄉|小区|社区/;

/**
 * How `auto` reads a search: a valid ID number or mobile number is looked up exactly (the caller
 * checks validity); otherwise text with an address word or digit, or longer than a name, is an
 * address, and anything else a name.
 */
export function guessSearchMode(q: string): 'name' | 'address' {
  const text = q.replace(/\s+/g, '');
  return ADDRESS_MARKS.test(text) || [...text].length > 5 ? 'address' : 'name';
}
