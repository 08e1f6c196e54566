// Search the account's subtree by name or code, optionally by level; a result selects the region.
import { useQuery } from '@tanstack/react-query';
import { Empty, Input, Select, Space, Spin, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_LEVELS, type RegionLevel } from '../../../shared/regions.ts';
import { LEVEL_COLORS } from './RegionTree.tsx';
import { regionKeys, searchRegions } from './regions.api.ts';

interface Props {
  includeInactive: boolean;
  onPick: (id: number) => void;
  /** Called with true while a search is shown (the tree hides meanwhile). */
  onActiveChange: (active: boolean) => void;
}

export function RegionSearch({ includeInactive, onPick, onActiveChange }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [level, setLevel] = useState<RegionLevel | undefined>(undefined);
  const active = q !== '' || level !== undefined;
  const results = useQuery({
    queryKey: regionKeys.search(q, level ?? '', includeInactive),
    queryFn: () => searchRegions(q, level, includeInactive),
    enabled: active,
  });

  const apply = (nextQ: string, nextLevel: RegionLevel | undefined) => {
    setQ(nextQ.trim());
    setLevel(nextLevel);
    onActiveChange(nextQ.trim() !== '' || nextLevel !== undefined);
  };

  return (
    <div>
      <Space.Compact style={{ width: '100%' }}>
        <Select<RegionLevel | ''>
          value={level ?? ''}
          style={{ width: 120, flex: 'none' }}
          onChange={(v) => apply(text, v === '' ? undefined : v)}
          options={[{ value: '', label: t('territory.levelAny') }, ...REGION_LEVELS.map((l) => ({ value: l, label: t(`levels.${l}`) }))]}
        />
        <Input.Search
          allowClear
          value={text}
          placeholder={t('territory.searchPlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value === '') apply('', level);
          }}
          onSearch={(value) => apply(value, level)}
          data-testid="region-search"
        />
      </Space.Compact>
      {active ? (
        <div style={{ marginTop: 12 }}>
          {results.isFetching ? (
            <Spin style={{ display: 'block', margin: '24px auto' }} />
          ) : results.data && results.data.items.length ? (
            <>
              <div className="gg-muted" style={{ marginBottom: 6 }}>{t('territory.searchResults', { count: results.data.items.length })}</div>
              <div role="list" style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
                {results.data.items.map((region) => (
                  <button
                    key={region.id}
                    role="listitem"
                    type="button"
                    className="gg-search-hit"
                    onClick={() => onPick(region.id)}
                  >
                    <span className="gg-ellipsis">{region.name}</span>
                    <Tag color={LEVEL_COLORS[region.level]} variant="filled" style={{ marginInlineEnd: 0, flex: 'none' }}>{t(`levels.${region.level}`)}</Tag>
                    <span className="gg-mono gg-muted" style={{ marginInlineStart: 'auto', fontSize: 12, flex: 'none' }}>{region.code}</span>
                  </button>
                ))}
              </div>
            </>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('territory.noResults')} />
          )}
        </div>
      ) : null}
    </div>
  );
}
