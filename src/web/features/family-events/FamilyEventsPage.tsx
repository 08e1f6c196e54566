// 红白事报备: summary tiles and a chart by kind and decision, then the events (filters by kind,
// status and planned day; a table on a desk, cards on a phone), a drawer to file one and a
// drawer with an event's guidance, follow-up and history.
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FAMILY_EVENT_KINDS, FAMILY_EVENT_STATUSES, type FamilyEvent, type FamilyEventKind, type FamilyEventStatus } from '../../../shared/family-events.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { FamilyEventDetailDrawer } from './FamilyEventDetailDrawer.tsx';
import { FamilyEventCards, useFamilyEventColumns } from './FamilyEventList.tsx';
import { FAMILY_EVENT_EVENTS, type FamilyEventFilter, familyEventKeys, listFamilyEvents } from './familyEvents.api.ts';
import { FileEventDrawer } from './FileEventDrawer.tsx';
import { SummaryTiles } from './SummaryTiles.tsx';
import { ExportButton } from '../../lib/ExportButton.tsx';

export default function FamilyEventsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const columns = useFamilyEventColumns();
  const [kind, setKind] = useState<FamilyEventKind | undefined>();
  const [status, setStatus] = useState<FamilyEventStatus | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [filing, setFiling] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const mayWork = can(me.user.role, 'familyEvents.work');
  // Another worker files or follows up an event: the tiles and the list refresh by themselves.
  useLiveRefresh(FAMILY_EVENT_EVENTS, familyEventKeys.all);

  const { regionId, setRegionId } = useUrlFilters();
  const filter: FamilyEventFilter = { regionId, kind, status, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const { list, rows, total } = useCursorList(familyEventKeys.list(filter), (cursor) => listFamilyEvents({ ...filter, cursor, limit: 50 }));
  const open = (e: FamilyEvent) => setOpenId(e.id);

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('familyEvents.title')}</Typography.Title>
        <Space wrap>
          <ExportButton list="/family-events" filters={filter} />
          {mayWork ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="family-event-create">
              {t('familyEvents.create')}
            </Button>
          ) : null}
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('familyEvents.intro')}</Typography.Paragraph>
      <SummaryTiles mobile={mobile} />
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
          <Select<FamilyEventKind>
            allowClear
            value={kind}
            onChange={setKind}
            placeholder={t('familyEvents.filterKind')}
            style={{ flex: '1 1 120px', maxWidth: mobile ? undefined : 160 }}
            options={FAMILY_EVENT_KINDS.map((k) => ({ value: k, label: t(`familyEvents.kinds.${k}`) }))}
            data-testid="family-event-filter-kind"
          />
          <Select<FamilyEventStatus>
            allowClear
            value={status}
            onChange={setStatus}
            placeholder={t('familyEvents.filterStatus')}
            style={{ flex: '1 1 120px', maxWidth: mobile ? undefined : 160 }}
            options={FAMILY_EVENT_STATUSES.map((s) => ({ value: s, label: t(`familyEvents.statuses.${s}`) }))}
            data-testid="family-event-filter-status"
          />
          <DatePicker.RangePicker
            value={range}
            onChange={(v) => setRange(v)}
            format="YYYY-MM-DD"
            inputReadOnly={mobile}
            placeholder={[t('familyEvents.dateRange.0'), t('familyEvents.dateRange.1')]}
            style={{ flex: '1 1 240px', maxWidth: mobile ? '100%' : 300 }}
          />
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={total} mobile={mobile} testId="family-events" />
        </div>
        <PagedRecords<FamilyEvent>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('familyEvents.empty')}
          cards={(loaded) => <FamilyEventCards rows={loaded} onOpen={open} />}
          testId="family-event-table"
          onOpen={open}
          columns={columns}
        />
      </Card>
      <FileEventDrawer open={filing} onClose={() => setFiling(false)} />
      <FamilyEventDetailDrawer id={openId} onClose={() => setOpenId(null)} mayWork={mayWork} />
    </div>
  );
}
