// The home page's list of households: in the server's dwelling order (1-1-101 before 1-1-1001),
// each with its number of members and its 幢/单元/室 line, and the search by address, that line or
// a member's name. Each household's sort key is computed once (a comparison computing both keys
// ran the key's regular expressions some thousand times for a grid, on a slow phone's one core).
import { type AddressLanguage, dwellingSortKey, formatUnitLine } from '../../shared/address.ts';
import type { CachedHousehold, CachedPerson } from '../../client/offline/db.ts';

export interface GridRow {
  household: CachedHousehold;
  unitLine: string;
  members: string[];
}

/** Every household of the copy, sorted, with its members' names. */
export function gridRows(households: readonly CachedHousehold[], persons: readonly CachedPerson[], lang: AddressLanguage): GridRow[] {
  const members = new Map<string, string[]>();
  for (const p of persons) {
    if (!p.householdId) continue;
    const names = members.get(p.householdId);
    if (names) names.push(p.name);
    else members.set(p.householdId, [p.name]);
  }
  return households
    .map((household) => ({ household, key: dwellingSortKey(household), unitLine: formatUnitLine(household, lang), members: members.get(household.id) ?? [] }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ household, unitLine, members: names }) => ({ household, unitLine, members: names }));
}

/** The rows whose address, 幢/单元/室 line or a member's name holds `query` (all of them for a blank one). */
export function searchRows(rows: readonly GridRow[], query: string): readonly GridRow[] {
  const needle = query.trim();
  if (!needle) return rows;
  return rows.filter((r) => r.household.address.includes(needle) || r.unitLine.includes(needle) || r.members.some((n) => n.includes(needle)));
}
