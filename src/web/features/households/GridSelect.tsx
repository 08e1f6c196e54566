// Pick the grid or micro-grid a household belongs to (households live on the lowest two levels).
import { useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../shared/regions.ts';
import { LEVEL_COLORS } from '../regions/RegionTree.tsx';
import { getRegion, regionKeys, searchRegions } from '../regions/regions.api.ts';

interface Props {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  placeholder?: string;
  'data-testid'?: string;
}

export function GridSelect({ value, onChange, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const grids = useQuery({ queryKey: regionKeys.search(q, 'grid', false), queryFn: () => searchRegions(q, 'grid', false) });
  const micro = useQuery({ queryKey: regionKeys.search(q, 'microgrid', false), queryFn: () => searchRegions(q, 'microgrid', false) });
  const chosen = useQuery({ queryKey: regionKeys.detail(value ?? 0), queryFn: () => getRegion(value ?? 0), enabled: typeof value === 'number' && value > 0 });

  const regions: Region[] = [...(grids.data?.items ?? []), ...(micro.data?.items ?? [])];
  if (chosen.data && !regions.some((r) => r.id === chosen.data.id)) regions.unshift(chosen.data);
  const fetching = grids.isFetching || micro.isFetching;
  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={placeholder}
      loading={fetching}
      showSearch={{ onSearch: setText, filterOption: false, searchValue: text }}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
      notFoundContent={fetching ? t('common.loading') : t('territory.noResults')}
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
      options={regions.map((r) => ({
        value: r.id,
        label: (
          <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, maxWidth: '100%' }}>
            <span className="gg-ellipsis">{r.name}</span>
            <Tag color={LEVEL_COLORS[r.level]} variant="filled" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
              {t(`levels.${r.level}`)}
            </Tag>
            <span className="gg-mono gg-muted" style={{ fontSize: 12 }}>{r.code}</span>
          </span>
        ),
      }))}
    />
  );
}
