// The town → village → grid filter of every list: one select per level below the caller's own
// region, each listing the children of the one picked above it. The value is the deepest region
// picked (the list's `regionId`); reopening a link with a regionId rebuilds the chain from the
// region's path.
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth.tsx';
import { getRegion, listChildren, regionKeys } from '../features/regions/regions.api.ts';

/** Levels a list is filtered by, top down; micro-grids are below what a list filter needs. */
const LEVELS = ['town', 'village', 'grid'] as const;
type FilterLevel = (typeof LEVELS)[number];

interface Props {
  value: number | undefined;
  onChange: (regionId: number | undefined) => void;
  mobile?: boolean;
  testId?: string;
}

function LevelSelect({ parentId, level, value, onPick, mobile, testId }: { parentId: number; level: FilterLevel; value: number | undefined; onPick: (id: number | undefined) => void; mobile?: boolean; testId: string }) {
  const { t } = useTranslation();
  const children = useQuery({ queryKey: regionKeys.children(parentId, false), queryFn: () => listChildren(parentId, false), staleTime: 60_000 });
  const label = t(`lists.level.${level}`);
  return (
    <Select<number>
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      value={value}
      loading={children.isPending}
      placeholder={t('lists.allOf', { level: label })}
      aria-label={label}
      onChange={(id) => onPick(id ?? undefined)}
      options={(children.data ?? []).filter((r) => r.level === level).map((r) => ({ value: r.id, label: r.name }))}
      style={{ flex: mobile ? '1 1 100%' : '0 1 180px', minWidth: 120 }}
      popupMatchSelectWidth={false}
      data-testid={`${testId}-${level}`}
    />
  );
}

export function RegionFilter({ value, onChange, mobile, testId = 'region-filter' }: Props) {
  const me = useMe();
  const own = me.region;
  const picked = useQuery({ queryKey: regionKeys.detail(value ?? 0), queryFn: () => getRegion(value ?? 0), enabled: value !== undefined && value !== own.id });
  const ownIndex = LEVELS.indexOf(own.level as FilterLevel);
  const levels = LEVELS.slice(ownIndex + 1);
  if (!levels.length) return null;
  // The regions picked, one per level below the caller's own: the picked region's ancestors and itself.
  const chainOf = (): number[] => {
    if (value === undefined || value === own.id || !picked.data) return [];
    const path = [...picked.data.path.map((r) => ({ id: r.id, level: r.level as string })), { id: picked.data.id, level: picked.data.level as string }];
    const byLevel = new Map(path.map((r) => [r.level, r.id]));
    const chain: number[] = [];
    for (const level of levels) {
      const id = byLevel.get(level);
      if (id === undefined) break;
      chain.push(id);
    }
    return chain;
  };
  const chain = chainOf();
  return (
    <div style={{ display: 'flex', gap: 8, flexWrap: mobile ? 'wrap' : 'nowrap', flex: mobile ? '1 1 100%' : '0 1 auto' }} data-testid={testId}>
      {levels.map((level, i) => {
        const parentId = i === 0 ? own.id : chain[i - 1];
        if (parentId === undefined) return null;
        return (
          <LevelSelect
            key={`${level}-${parentId}`}
            parentId={parentId}
            level={level}
            value={chain[i]}
            mobile={mobile}
            testId={testId}
            onPick={(id) => onChange(id ?? (i === 0 ? undefined : chain[i - 1]))}
          />
        );
      })}
    </div>
  );
}
