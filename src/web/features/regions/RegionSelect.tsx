// Pick a region of the account's subtree by searching its name or code (optionally of given levels).
import { useQueries, useQuery } from '@tanstack/react-query';
import { Select, Tag } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Region, RegionLevel } from '../../../shared/regions.ts';
import { LEVEL_COLORS } from './RegionTree.tsx';
import { getRegion, regionKeys, searchRegions } from './regions.api.ts';

interface Props {
  value?: number | null;
  onChange?: (id: number | undefined) => void;
  /** Only regions of this level (or these levels), e.g. ['grid', 'microgrid'] for households. */
  level?: RegionLevel | readonly RegionLevel[];
  exclude?: readonly number[];
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  'data-testid'?: string;
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function RegionSelect({ value, onChange, level, exclude = [], placeholder, allowClear, disabled, style, ...rest }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const levels: readonly (RegionLevel | undefined)[] = level === undefined ? [undefined] : typeof level === 'string' ? [level] : level;
  const results = useQueries({
    queries: levels.map((l) => ({ queryKey: regionKeys.search(q, l ?? '', false), queryFn: () => searchRegions(q, l, false) })),
  });
  const fetching = results.some((r) => r.isFetching);
  // The chosen region may not be among the first results: read it to show its name.
  const chosen = useQuery({
    queryKey: regionKeys.detail(value ?? 0),
    queryFn: () => getRegion(value ?? 0),
    enabled: typeof value === 'number' && value > 0,
  });

  const regions: Region[] = results.flatMap((r) => r.data?.items ?? []);
  if (chosen.data && !regions.some((r) => r.id === chosen.data.id)) regions.unshift(chosen.data);
  const options = regions
    .filter((r) => !exclude.includes(r.id))
    .map((r) => ({
      value: r.id,
      searchText: `${r.name} ${r.code}`,
      label: (
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6, maxWidth: '100%' }}>
          <span className="gg-ellipsis">{r.name}</span>
          <Tag color={LEVEL_COLORS[r.level]} variant="filled" style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
            {t(`levels.${r.level}`)}
          </Tag>
          <span className="gg-mono gg-muted" style={{ fontSize: 12 }}>{r.code}</span>
        </span>
      ),
    }));

  return (
    <Select<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      loading={fetching}
      showSearch={{ onSearch: setText, filterOption: false, searchValue: text }}
      onOpenChange={(open) => {
        if (!open) setText('');
      }}
      notFoundContent={fetching ? t('common.loading') : t('territory.noResults')}
      style={{ width: '100%', ...style }}
      data-testid={rest['data-testid']}
    />
  );
}
