// The territory as an antd Tree, loaded a level at a time from the account's own region down.
import { Tag, Tree, type TreeDataNode } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Region } from '../../../shared/regions.ts';
import type { RegionTreeState } from './useRegionTree.ts';

export const LEVEL_COLORS: Record<string, string> = {
  county: 'red',
  town: 'volcano',
  village: 'gold',
  grid: 'blue',
  microgrid: 'cyan',
};

interface Props {
  root: Pick<Region, 'id' | 'name' | 'level' | 'active'>;
  tree: RegionTreeState;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Virtual scrolling needs a (maximum) height. */
  height: number;
}

export function RegionTree({ root, tree, selectedId, onSelect, height }: Props) {
  const { t } = useTranslation();

  const title = (region: Pick<Region, 'id' | 'name' | 'level' | 'active'>) => (
    <span className="gg-tree-title" data-region-id={region.id} data-testid="region-node">
      <span style={region.active ? undefined : { color: 'rgba(0,0,0,0.35)', textDecoration: 'line-through' }}>{region.name}</span>
      <Tag color={LEVEL_COLORS[region.level]} variant="filled" style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4, marginInlineEnd: 0 }}>
        {t(`levels.${region.level}`)}
      </Tag>
      {region.active ? null : <Tag style={{ fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>{t('common.inactive')}</Tag>}
    </span>
  );

  const nodeOf = (region: Pick<Region, 'id' | 'name' | 'level' | 'active'>, childCount: number | undefined): TreeDataNode => {
    const children = tree.childrenOf.get(region.id);
    return {
      key: region.id,
      title: title(region),
      isLeaf: children ? children.length === 0 : childCount === 0 || region.level === 'microgrid',
      children: children?.map((c) => nodeOf(c, c.childCount)),
    };
  };

  return (
    <Tree
      blockNode
      showLine={{ showLeafIcon: false }}
      treeData={[nodeOf(root, undefined)]}
      loadData={(node) => tree.load(Number(node.key))}
      loadedKeys={[...tree.childrenOf.keys()]}
      expandedKeys={tree.expanded}
      onExpand={(keys) => tree.setExpanded(keys.map(Number))}
      selectedKeys={selectedId === null ? [] : [selectedId]}
      onSelect={(keys) => {
        const first = keys[0];
        if (first !== undefined) onSelect(Number(first));
      }}
      height={height}
    />
  );
}
