// 辖区网格: the tree from the account's region down, search, the selected region's detail and,
// for editors, the changes. On a phone the tree and the detail stack.
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Switch, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CHILD_LEVEL, RegionLevel } from '../../../shared/regions.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { ImportModal } from './ImportModal.tsx';
import { type RegionAction, RegionDetailPanel } from './RegionDetailPanel.tsx';
import { RegionFormModal, type RegionFormTarget } from './RegionFormModal.tsx';
import { RegionMoveModal } from './RegionMoveModal.tsx';
import { RegionSearch } from './RegionSearch.tsx';
import { RegionTree } from './RegionTree.tsx';
import { getRegion, type RegionDetail, regionKeys } from './regions.api.ts';
import { useRegionToggle } from './useRegionToggle.ts';
import { useRegionTree } from './useRegionTree.ts';

export default function TerritoryPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const canEdit = can(me.user.role, 'territory.edit');
  const [params, setParams] = useSearchParams();
  const selectedId = Number(params.get('region')) || me.region.id;
  const [includeInactive, setIncludeInactive] = useState(false);
  const [searching, setSearching] = useState(false);
  const [formTarget, setFormTarget] = useState<RegionFormTarget | null>(null);
  const [moving, setMoving] = useState<RegionDetail | null>(null);
  const [importing, setImporting] = useState(false);
  const detailRef = useRef<HTMLDivElement>(null);
  const tree = useRegionTree(me.region.id, includeInactive);
  const rootLevel = RegionLevel.safeParse(me.region.level);
  const root = { id: me.region.id, name: me.region.name, level: rootLevel.success ? rootLevel.data : 'county', active: true } as const;

  const select = useCallback(
    (id: number, scroll = true) => {
      setParams(id === me.region.id ? {} : { region: String(id) }, { replace: true });
      if (scroll && mobile) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
    [setParams, me.region.id, mobile],
  );

  // A region opened from a search or a link shows in the tree, its ancestors expanded.
  const reveal = useCallback(
    async (id: number) => {
      const detail = await queryClient.fetchQuery({ queryKey: regionKeys.detail(id), queryFn: () => getRegion(id) });
      await tree.reveal(detail.path.map((p) => p.id));
    },
    [queryClient, tree],
  );
  useEffect(() => {
    if (selectedId !== me.region.id) void reveal(selectedId).catch(() => undefined);
    // Only on first load: later selections come from the tree itself or from a search pick.
  }, []);

  const afterChange = async (branches: (number | null | undefined)[], expand?: number) => {
    await queryClient.invalidateQueries({ queryKey: regionKeys.all });
    await tree.refresh(...branches);
    if (expand !== undefined) tree.setExpanded([...new Set([...tree.expanded, expand])]);
  };
  const toggle = useRegionToggle((region) => void afterChange([region.parentId]));

  const onAction = (action: RegionAction, region: RegionDetail) => {
    const childLevel = CHILD_LEVEL[region.level];
    if (action === 'create' && childLevel) setFormTarget({ mode: 'create', parent: region, level: childLevel });
    if (action === 'edit') setFormTarget({ mode: 'edit', region });
    if (action === 'move') setMoving(region);
    if (action === 'toggle') toggle(region);
  };

  // Virtual scrolling keeps a village of hundreds of micro-grids light; the height is a maximum.
  const treeHeight = mobile ? 420 : Math.max(360, window.innerHeight - 300);

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('territory.title')}</Typography.Title>
        {canEdit ? (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="region-import">
            {t('territory.import')}
          </Button>
        ) : null}
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8} xxl={7}>
          <Card
            className="gg-tree-panel"
            styles={{ body: { padding: 12 } }}
            title={t('territory.tree')}
            extra={
              <label style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 13 }}>
                <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
                {t('territory.showInactive')}
              </label>
            }
          >
            <RegionSearch
              includeInactive={includeInactive}
              onActiveChange={setSearching}
              onPick={(id) => {
                select(id);
                void reveal(id).catch(() => undefined);
              }}
            />
            <div style={{ marginTop: 12, display: searching ? 'none' : 'block' }} data-testid="region-tree">
              <RegionTree root={root} tree={tree} selectedId={selectedId} onSelect={(id) => select(id)} height={treeHeight} />
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16} xxl={17} ref={detailRef}>
          {selectedId ? (
            <RegionDetailPanel
              id={selectedId}
              rootId={me.region.id}
              canEdit={canEdit}
              includeInactive={includeInactive}
              onSelect={(id) => {
                select(id, false);
                void reveal(id).catch(() => undefined);
              }}
              onAction={onAction}
            />
          ) : (
            <Card><Empty description={t('territory.selectHint')} /></Card>
          )}
        </Col>
      </Row>
      <RegionFormModal
        target={formTarget}
        onClose={() => setFormTarget(null)}
        onDone={(region) => {
          setFormTarget(null);
          void afterChange([region.parentId], formTarget?.mode === 'create' ? (region.parentId ?? undefined) : undefined);
        }}
      />
      <RegionMoveModal
        region={moving}
        onClose={() => setMoving(null)}
        onDone={(region, oldParentId) => {
          setMoving(null);
          void afterChange([oldParentId, region.parentId], region.parentId ?? undefined);
        }}
      />
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={() => void afterChange([me.region.id])} />
    </div>
  );
}
