// A grid anywhere on this installation, chosen county → town → village → grid: a hand-over goes
// to a grid outside the sender's own subtree, which the staff region search does not reach, so
// it walks the names-only region tree of the public pages (no personal data in it).
import { Cascader } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicRegionList } from '../../../shared/public.ts';
import { request } from '../../lib/api.ts';

interface Option {
  value: number;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

const childrenOf = async (parentId?: number): Promise<Option[]> =>
  (await request('/public/regions', PublicRegionList, { query: { parentId } })).items
    .filter((r) => r.level !== 'microgrid')
    .map((r) => ({ value: r.id, label: r.name, isLeaf: r.level === 'grid' || !r.hasChildren }));

export function GridCascader({ onChange, 'data-testid': testId }: { value?: number; onChange?: (id: number | undefined) => void; 'data-testid'?: string }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    void childrenOf().then(setOptions);
  }, []);
  return (
    <Cascader<Option>
      options={options}
      loadData={async (path) => {
        const target = path[path.length - 1];
        if (!target) return;
        target.children = await childrenOf(target.value);
        setOptions((o) => [...o]);
      }}
      onChange={(path) => onChange?.(path && path.length ? Number(path[path.length - 1]) : undefined)}
      placeholder={t('handovers.toRegion')}
      changeOnSelect={false}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
