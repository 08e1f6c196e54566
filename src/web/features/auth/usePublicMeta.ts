// The county's name and time zone (public, cached for the session); dates follow the zone.
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { setDisplayTimeZone } from '../../lib/countyTime.ts';
import { fetchPublicMeta } from './auth.api.ts';

export function usePublicMeta() {
  const meta = useQuery({ queryKey: ['public', 'meta'], queryFn: fetchPublicMeta, staleTime: Infinity });
  const zone = meta.data?.timeZone;
  useEffect(() => {
    if (zone) setDisplayTimeZone(zone);
  }, [zone]);
  return meta;
}
