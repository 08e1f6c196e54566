// The selected region: where it sits (breadcrumb), its facts, its children, and — for editors —
// create child, edit, move, deactivate/reactivate.
import { EditOutlined, PlusOutlined, StopOutlined, SwapOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Badge, Breadcrumb, Button, Card, Descriptions, Empty, Space, Spin, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHILD_LEVEL, type Region } from '../../../shared/regions.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { LEVEL_COLORS } from './RegionTree.tsx';
import { getRegion, listChildren, regionKeys, type RegionDetail } from './regions.api.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { CoverageSummary } from '../responsibility/CoverageSummary.tsx';
import { VolunteersSection } from '../responsibility/VolunteersCard.tsx';

export type RegionAction = 'create' | 'edit' | 'move' | 'toggle';

interface Props {
  id: number;
  rootId: number;
  canEdit: boolean;
  includeInactive: boolean;
  onSelect: (id: number) => void;
  onAction: (action: RegionAction, region: RegionDetail) => void;
}

export function RegionDetailPanel({ id, rootId, canEdit, includeInactive, onSelect, onAction }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const errorText = useErrorText();
  const detail = useQuery({ queryKey: regionKeys.detail(id), queryFn: () => getRegion(id) });
  const children = useQuery({ queryKey: regionKeys.children(id, includeInactive), queryFn: () => listChildren(id, includeInactive) });

  if (detail.isPending) return <Card><Spin style={{ display: 'block', margin: '48px auto' }} /></Card>;
  if (detail.isError) return <Card><Alert type="error" showIcon title={errorText(detail.error)} /></Card>;
  const region = detail.data;
  const childLevel = CHILD_LEVEL[region.level];
  const isRoot = region.id === rootId;
  // Ancestors above the account's own region are shown but not clickable (outside the tree).
  const rootIndex = region.path.findIndex((p) => p.id === rootId);

  const actions = canEdit ? (
    <Space wrap size={8}>
      {childLevel ? (
        <Button type="primary" icon={<PlusOutlined />} disabled={!region.active} onClick={() => onAction('create', region)} data-testid="region-create-child">
          {t('territory.createTitle', { level: t(`levels.${childLevel}`) })}
        </Button>
      ) : null}
      <Button icon={<EditOutlined />} onClick={() => onAction('edit', region)} data-testid="region-edit">{t('territory.editRegion')}</Button>
      <Button icon={<SwapOutlined />} disabled={isRoot} onClick={() => onAction('move', region)} data-testid="region-move">{t('territory.move')}</Button>
      <Button
        danger={region.active}
        icon={region.active ? <StopOutlined /> : <CheckCircleOutlined />}
        disabled={isRoot}
        onClick={() => onAction('toggle', region)}
        data-testid="region-toggle"
      >
        {region.active ? t('territory.deactivate') : t('territory.reactivate')}
      </Button>
    </Space>
  ) : null;

  return (
    <Card
      data-testid="region-detail"
      title={
        <Space size={8} style={{ minWidth: 0 }}>
          <span className="gg-ellipsis">{region.name}</span>
          <Tag color={LEVEL_COLORS[region.level]} variant="filled">{t(`levels.${region.level}`)}</Tag>
        </Space>
      }
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={region.path.map((p, i) => ({
          key: p.id,
          title:
            i >= rootIndex && p.id !== region.id ? (
              <a onClick={() => onSelect(p.id)}>{p.name}</a>
            ) : (
              p.name
            ),
        }))}
      />
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'code', label: t('territory.code'), children: <span className="gg-mono">{region.code}</span> },
          { key: 'level', label: t('territory.level'), children: t(`levels.${region.level}`) },
          {
            key: 'status',
            label: t('territory.status'),
            children: <Badge status={region.active ? 'success' : 'default'} text={region.active ? t('common.active') : t('common.inactive')} />,
          },
          { key: 'children', label: t('territory.childCount'), children: children.data ? children.data.length : '…' },
        ]}
      />
      {actions ? <div style={{ marginBottom: 16 }}>{actions}</div> : <Alert type="info" showIcon title={t('territory.readOnly')} style={{ marginBottom: 16 }} />}
      {can(me.user.role, 'responsibility') && (region.level === 'grid' || region.level === 'microgrid') ? <VolunteersSection regionId={region.id} /> : null}
      {can(me.user.role, 'responsibility') && region.level !== 'microgrid' ? <div style={{ marginBottom: 16 }}><CoverageSummary regionId={region.id} /></div> : null}
      {childLevel ? <ChildrenTable rows={children.data} loading={children.isPending} onSelect={onSelect} /> : null}
    </Card>
  );
}

function ChildrenTable({ rows, loading, onSelect }: { rows: Region[] | undefined; loading: boolean; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  // A phone has room for two columns: the code goes under the name, the level is the panel's own
  // child level, and a status shows only when it is 已停用 (five columns scrolled sideways).
  const mobile = useIsMobile();
  const status = (active: boolean) => <Badge status={active ? 'success' : 'default'} text={active ? t('common.active') : t('common.inactive')} />;
  const phoneColumns: TableColumnsType<Region> = [
    {
      title: t('territory.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <div style={{ minWidth: 0 }}>
          <a>{name}</a> {row.active ? null : status(false)}
          <div className="gg-mono gg-muted" style={{ fontSize: 12 }}>{row.code}</div>
        </div>
      ),
    },
    { title: t('territory.childCount'), dataIndex: 'childCount', align: 'right', width: 80 },
  ];
  return (
    <Table<Region>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      title={() => t('territory.children')}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
      scroll={mobile ? undefined : { x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.none')} /> }}
      onRow={(row) => ({ onClick: () => onSelect(row.id), style: { cursor: 'pointer' } })}
      columns={mobile ? phoneColumns : [
        { title: t('territory.name'), dataIndex: 'name', render: (name: string) => <a>{name}</a> },
        { title: t('territory.level'), dataIndex: 'level', render: (level: string) => t(`levels.${level}`) },
        { title: t('territory.code'), dataIndex: 'code', render: (code: string) => <span className="gg-mono">{code}</span> },
        { title: t('territory.childCount'), dataIndex: 'childCount', align: 'right' },
        { title: t('territory.status'), dataIndex: 'active', render: status },
      ]}
    />
  );
}
