// Today and tomorrow in the county's time zone (from the public meta), for the quarantine pages.
import { useMemo } from 'react';
import { addDays, dayIn } from '../../lib/countyTime.ts';
import { usePublicMeta } from '../auth/usePublicMeta.ts';
import { DEFAULT_TIME_ZONE } from '../../../shared/time-zone.ts';

export interface CountyDays {
  zone: string;
  today: string;
  tomorrow: string;
}

export function useCountyDays(): CountyDays {
  const meta = usePublicMeta();
  const zone = meta.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const today = dayIn(zone);
  return useMemo(() => ({ zone, today, tomorrow: addDays(today, 1) }), [zone, today]);
}
