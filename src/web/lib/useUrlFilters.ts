// A list's filters kept in the URL's query: back from a record returns to the same list, and a
// filtered list can be shared as a link.
import { useSearchParams } from 'react-router';

export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const regionParam = Number(params.get('regionId'));
  /** The `regionId` filter, when it is a valid id. */
  const regionId = Number.isInteger(regionParam) && regionParam > 0 ? regionParam : undefined;
  /** Sets (or, with undefined, removes) filters, replacing the history entry. */
  const setFilter = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(name);
      else next.set(name, value);
    }
    setParams(next, { replace: true });
  };
  /** Sets (or removes) the `regionId` filter: what a list's place filter calls. */
  const setRegionId = (id: number | undefined) => setFilter({ regionId: id === undefined ? undefined : String(id) });
  return { params, regionId, setFilter, setRegionId };
}
