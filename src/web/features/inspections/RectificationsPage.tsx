// 整改任务: the tasks inspections' findings became, in my region or mine only — open, overdue (red),
// closed — with their escalation (已升级至镇/县), deadline and owner; a table on a desk, cards on a
// phone. A task's page shows the finding and, once closed, the evidence; its owner (or an officer
// above) closes it with what was done and at least one photo.
import { NumberLine, NumberSearchBox, RecordNumber, useNumberSearch, Wrapped } from '../../lib/RecordNumber.tsx';
import { Card, Segmented, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import type { Rectification } from '../../../shared/inspections.ts';
import { useMe } from '../../app/auth.tsx';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { INSPECTION_EVENT_PREFIXES, type RectificationFilter, inspectionKeys, listRectifications, rectificationQuery } from './inspections.api.ts';
import { Deadline, EscalationTag, RectificationStatusTags } from './InspectionTags.tsx';
import { RectificationDetail } from './RectificationDetail.tsx';
import { ExportButton } from '../../lib/ExportButton.tsx';

const VIEWS = ['open', 'overdue', 'closed', 'all'] as const;
type View = (typeof VIEWS)[number];
const FILTER_OF: Record<View, RectificationFilter> = { open: { status: 'open' }, overdue: { status: 'open', overdue: true }, closed: { status: 'closed' }, all: {} };

function RectificationCards({ rows, onOpen }: { rows: Rectification[]; onOpen: (r: Rectification) => void }) {
  const { t } = useTranslation();
  return (
    <div className="gg-card-list" data-testid="rect-cards">
      {rows.map((r) => (
        <Card key={r.id} size="small" onClick={() => onOpen(r)} style={{ cursor: 'pointer', borderInlineStart: r.overdue && r.status === 'open' ? '4px solid #cf1322' : undefined }} data-testid="rect-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <strong style={{ overflowWrap: 'anywhere' }} data-testid="rect-place">{r.regionName} · {t(`inspections.items.${r.item}`)}</strong>
            <RectificationStatusTags task={r} />
          </div>
          <div style={{ margin: '4px 0', overflowWrap: 'anywhere', fontSize: 13 }}>{r.description}</div>
          <NumberLine number={r.number} numberTestId="rect-number" rest={[`${t('inspections.rect.owner')}：${r.ownerName ?? '—'}`, <span key="deadline" style={{ whiteSpace: 'nowrap' }}>{t('inspections.rect.deadline')} <Deadline task={r} /></span>]} />
        </Card>
      ))}
    </div>
  );
}

function RectificationList() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [view, setView] = useState<View>('open');
  const [mine, setMine] = useState(false);
  const numberQ = useNumberSearch();
  const { regionId, setRegionId } = useUrlFilters();
  const filter: RectificationFilter = { q: numberQ, regionId, ...FILTER_OF[view], ownerUserId: mine ? me.user.id : undefined };
  const { list, rows, total } = useCursorList(inspectionKeys.rectifications(filter), (cursor) => listRectifications(filter, cursor));
  const open = (r: Rectification) => void navigate(`/rectifications/${r.id}`);

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('inspections.rect.title')}</Typography.Title>
        <ExportButton list="/rectifications" filters={rectificationQuery(filter)} />
      </div>
      {mobile ? null : <Typography.Paragraph type="secondary">{t('inspections.rect.intro')}</Typography.Paragraph>}
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'center', marginBottom: 16 }}>
          <NumberSearchBox example="ZG-20261206-0005" mobile={mobile} testId="rect-search" />
          <Segmented<View>
            value={view}
            onChange={setView}
            options={VIEWS.map((v) => ({ value: v, label: <span data-testid={`rect-view-${v}`}>{t(`inspections.rect.filter.${v}`)}</span> }))}
            block={mobile}
            style={mobile ? { width: '100%' } : undefined}
          />
          <label style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
            <Switch checked={mine} onChange={setMine} data-testid="rect-mine" /> {t('inspections.rect.mine')}
          </label>
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={total} mobile={mobile} testId="rect" />
        </div>
        <PagedRecords<Rectification>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('inspections.rect.empty')}
          cards={(loaded) => <RectificationCards rows={loaded} onOpen={open} />}
          testId="rect-table"
          onOpen={open}
          columns={[
            { title: t('common.number'), dataIndex: 'number', render: (v: string) => <RecordNumber value={v} testId="rect-number" /> },
            { title: t('inspections.rect.village'), dataIndex: 'regionName', render: (v: string) => <Wrapped maxWidth={140} testId="rect-place">{v}</Wrapped> },
            { title: t('inspections.rect.item'), dataIndex: 'item', render: (v: Rectification['item']) => <Tag style={{ marginInlineEnd: 0 }}>{t(`inspections.items.${v}`)}</Tag> },
            { title: t('inspections.rect.description'), dataIndex: 'description', ellipsis: true, width: 360 },
            { title: t('inspections.rect.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
            { title: t('inspections.rect.deadline'), dataIndex: 'deadline', render: (_: string, r) => <Deadline task={r} /> },
            { title: t('inspections.rect.status'), dataIndex: 'status', render: (_: string, r) => <RectificationStatusTags task={{ ...r, escalationLevel: 0 }} /> },
            { title: t('inspections.rect.escalation'), dataIndex: 'escalationLevel', render: (v: number, r) => (v > 0 ? <EscalationTag task={r} /> : <span className="gg-muted">{t('inspections.rect.notEscalated')}</span>) },
          ]}
        />
      </Card>
    </div>
  );
}

export default function RectificationsPage() {
  useLiveRefresh({ prefixes: INSPECTION_EVENT_PREFIXES }, inspectionKeys.all);
  return (
    <Routes>
      <Route index element={<RectificationList />} />
      <Route path=":id" element={<RectificationDetail />} />
    </Routes>
  );
}
