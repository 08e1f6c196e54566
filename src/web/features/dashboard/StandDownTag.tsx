// The stand-downs (解除) over the region on the screen: its own, its ancestors' and those inside
// it, each with its date — and, once purged, that only counts are left to show.
import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { getStandDowns, retentionKeys } from '../settings/retention.api.ts';

export function StandDownTags({ regionId }: { regionId: number }) {
  const { t } = useTranslation();
  const standDowns = useQuery({ queryKey: retentionKeys.standDowns(regionId), queryFn: () => getStandDowns(regionId), staleTime: 60_000 });
  const items = standDowns.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div className="ggd-stand-downs" data-testid="stand-down-tags">
      {items.map((s) => (
        <Tag key={s.id} color={s.purgedAt ? 'green' : 'gold'} style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
          {s.purgedAt
            ? t('retention.bannerPurged', { region: s.regionName, day: s.endedOn })
            : t('retention.bannerPending', { region: s.regionName, day: s.endedOn, purgeFrom: s.purgeFrom })}
        </Tag>
      ))}
    </div>
  );
}
