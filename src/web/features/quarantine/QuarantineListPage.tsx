// 居家隔离: the figures of my region, then the orders (active / released / all; ending today or by
// tomorrow; by region), a table on a desk and cards on a phone; a drawer to order one.
import { AlertOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Quarantine, QuarantineStatus } from '../../../shared/quarantine.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { CreateOrderDrawer } from './CreateOrderDrawer.tsx';
import { useCountyDays } from './useCountyDays.ts';
import { OrderCards, useOrderColumns } from './QuarantineList.tsx';
import { type OrderFilter, QUARANTINE_EVENTS, listOrders, quarantineKeys } from './quarantine.api.ts';
import { SummaryTiles } from './SummaryTiles.tsx';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { NumberSearchBox, useNumberSearch } from '../../lib/RecordNumber.tsx';
import { ExportButton } from '../../lib/ExportButton.tsx';

type Tab = QuarantineStatus | 'all';
type Quick = 'none' | 'today' | 'tomorrow';
const TABS: readonly Tab[] = ['active', 'released', 'all'];
const QUICKS: readonly Quick[] = ['none', 'today', 'tomorrow'];

export function QuarantineListPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { today, tomorrow } = useCountyDays();
  const columns = useOrderColumns(today);
  // The filters live in the URL: back from an order returns to the same list.
  const { params, regionId, setFilter, setRegionId } = useUrlFilters();
  const tab = TABS.find((x) => x === params.get('status')) ?? 'active';
  const quick = QUICKS.find((x) => x === params.get('ending')) ?? 'none';
  const [creating, setCreating] = useState(false);
  const mayWork = can(me.user.role, 'quarantine.work');
  useLiveRefresh(QUARANTINE_EVENTS, quarantineKeys.all);
  const numberQ = useNumberSearch();

  // "Ending" only makes sense for orders still in force.
  const filter: OrderFilter = {
    q: numberQ,
    regionId,
    status: quick !== 'none' ? 'active' : tab === 'all' ? undefined : tab,
    endingBy: quick === 'today' ? today : quick === 'tomorrow' ? tomorrow : undefined,
  };
  const { list, rows, total } = useCursorList(quarantineKeys.list(filter), (cursor) => listOrders({ ...filter, cursor, limit: 50 }));
  const open = (o: Quarantine) => void navigate(`/quarantine/${o.id}`);

  return (
    <div className="gg-page" data-testid="quarantine-list-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('quarantine.title')}</Typography.Title>
        <Space wrap>
          <ExportButton list="/quarantines" filters={filter} />
          <Button icon={<AlertOutlined />} onClick={() => navigate('/quarantine/alerts')} data-testid="quarantine-alerts-link">{t('quarantine.alertsNav')}</Button>
          {mayWork ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="quarantine-create">{t('quarantine.create')}</Button>
          ) : null}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('quarantine.intro')}</Typography.Paragraph>
      <SummaryTiles regionId={regionId} mobile={mobile} />
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16, alignItems: 'center' }}>
          <NumberSearchBox example="GL-20261206-0007" mobile={mobile} testId="quarantine-search" />
          <Segmented<Tab>
            value={quick !== 'none' ? 'active' : tab}
            onChange={(v) => setFilter({ status: v === 'active' ? undefined : v, ...(v === 'active' ? {} : { ending: undefined }) })}
            options={TABS.map((v) => ({ value: v, label: t(`quarantine.tabs.${v}`) }))}
            data-testid="quarantine-tabs"
          />
          <Segmented<Quick>
            value={quick}
            onChange={(v) => setFilter({ ending: v === 'none' ? undefined : v, status: undefined })}
            options={QUICKS.map((v) => ({ value: v, label: t(`quarantine.quick.${v}`) }))}
            style={{ maxWidth: '100%', overflowX: 'auto' }}
            data-testid="quarantine-quick"
          />
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={total} mobile={mobile} testId="quarantine" />
        </div>
        <PagedRecords<Quarantine>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('quarantine.empty')}
          cards={(loaded) => <OrderCards rows={loaded} today={today} onOpen={open} />}
          testId="quarantine-table"
          onOpen={open}
          columns={columns}
        />
      </Card>
      <CreateOrderDrawer open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
