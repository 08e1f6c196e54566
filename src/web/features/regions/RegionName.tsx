// A region's name from its id (read once, cached); the id while it loads or if it is out of reach.
import { useQuery } from '@tanstack/react-query';
import { getRegion, regionKeys } from './regions.api.ts';

export function RegionName({ id }: { id: number | null | undefined }) {
  const region = useQuery({
    queryKey: regionKeys.detail(id ?? 0),
    queryFn: () => getRegion(id ?? 0),
    enabled: typeof id === 'number' && id > 0,
    staleTime: 5 * 60_000,
  });
  if (id === null || id === undefined) return <>—</>;
  return <>{region.data?.name ?? `#${id}`}</>;
}
