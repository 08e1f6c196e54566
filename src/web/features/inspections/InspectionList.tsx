// 不定期督查 list: summary tiles, the next visits due for the inspector (soonest first, with a
// "start" button), then every inspection of my region filtered by status, team and period — a
// table on a desk, cards on a phone.
import { NumberLine, NumberSearchBox, RecordNumber, useNumberSearch, Wrapped } from '../../lib/RecordNumber.tsx';
import { AuditOutlined, CalendarOutlined, ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Row, Select, Skeleton, Spin, Statistic, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { INSPECTION_STATUSES, type Inspection, type InspectionStatus } from '../../../shared/inspections.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { countyTime } from '../../lib/countyTime.ts';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { type InspectionFilter, getInspectionSummary, inspectionKeys, listInspections, listTeams } from './inspections.api.ts';
import { ConfidentialNote, InspectionStatusTag } from './InspectionTags.tsx';
import { ExportButton } from '../../lib/ExportButton.tsx';

/** "MM-DD HH:mm" in the county's zone is enough on a card; the hour matters (night visits). */
const shortWhen = (iso: string) => {
  const at = countyTime(iso);
  return `${at.day.slice(5)} ${at.hm}`;
};

function SummaryTiles({ mobile }: { mobile: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const summary = useQuery({ queryKey: inspectionKeys.summary, queryFn: getInspectionSummary });
  if (summary.isError) return <Alert type="error" showIcon title={errorText(summary.error)} style={{ marginBottom: 12 }} />;
  if (!summary.data) return <Card style={{ marginBottom: 12 }}><Skeleton active paragraph={{ rows: 1 }} /></Card>;
  const s = summary.data;
  const tiles = [
    { key: 'scheduled', value: s.scheduled, color: '#1677ff' },
    { key: 'done', value: s.done, color: '#389e0d' },
    { key: 'missed', value: s.missed, color: s.missed ? '#cf1322' : undefined },
    { key: 'open', value: s.rectificationsOpen, color: '#d46b08' },
    { key: 'overdue', value: s.rectificationsOverdue, color: s.rectificationsOverdue ? '#cf1322' : undefined },
  ];
  return (
    <Card style={{ marginBottom: 12 }} styles={{ body: { padding: mobile ? 12 : 20 } }}>
      <Row gutter={[12, 12]} data-testid="inspection-summary">
        {tiles.map((tile) => (
          <Col key={tile.key} xs={8} sm={8} md={4} style={mobile ? undefined : { flex: '1 1 0', maxWidth: 'none' }}>
            <Statistic title={t(`inspections.tiles.${tile.key}`)} value={tile.value} styles={tile.color ? { content: { color: tile.color } } : undefined} data-testid={`inspection-tile-${tile.key}`} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** The visits due next, soonest first: what an inspector opens the page for. */
function Upcoming({ mobile }: { mobile: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const filter: InspectionFilter = { status: 'scheduled', from: dayjs().format('YYYY-MM-DD') };
  const due = useQuery({ queryKey: [...inspectionKeys.list(filter), 'upcoming'], queryFn: () => listInspections(filter, undefined, 200) });
  const rows = [...(due.data?.items ?? [])].sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt)).slice(0, mobile ? 5 : 8);
  return (
    <Card size="small" title={<span><ClockCircleOutlined /> {t('inspections.list.upcoming')}</span>} style={{ marginBottom: 12 }} data-testid="inspection-upcoming">
      {due.isPending ? <Spin /> : rows.length ? (
        <div style={{ display: 'grid', gridTemplateColumns: mobile ? '1fr' : 'repeat(auto-fill, minmax(300px, 1fr))', gap: mobile ? 10 : 12 }}>
          {rows.map((x) => (
            <div key={x.id} style={{ display: 'flex', alignItems: 'center', gap: 8, justifyContent: 'space-between', ...(mobile ? {} : { border: '1px solid #f0f0f0', borderRadius: 8, padding: '8px 12px' }) }} data-testid="inspection-upcoming-row">
              <div style={{ minWidth: 0 }}>
                <div className="gg-ellipsis"><strong>{shortWhen(x.scheduledAt)}</strong> {x.regionName}</div>
                <div className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{x.teamName}</div>
              </div>
              <Button type="primary" size={mobile ? 'large' : 'middle'} onClick={() => void navigate(`/inspections/${x.id}/record`)} data-testid="inspection-start">
                {t('inspections.list.start')}
              </Button>
            </div>
          ))}
        </div>
      ) : <span className="gg-muted">{t('inspections.list.upcomingEmpty')}</span>}
    </Card>
  );
}

function InspectionCards({ rows, onOpen }: { rows: Inspection[]; onOpen: (x: Inspection) => void }) {
  const { t } = useTranslation();
  return (
    <div className="gg-card-list" data-testid="inspection-cards">
      {rows.map((x) => (
        <Card key={x.id} size="small" onClick={() => onOpen(x)} style={{ cursor: 'pointer' }} data-testid="inspection-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <strong style={{ overflowWrap: 'anywhere' }} data-testid="inspection-place">{x.regionName}</strong>
            <InspectionStatusTag status={x.status} />
          </div>
          <NumberLine number={x.number} numberTestId="inspection-number" rest={[shortWhen(x.doneAt ?? x.scheduledAt), x.teamName, ...(x.scheduleId ? [] : [t('inspections.list.adHoc')])]} style={{ marginTop: 0 }} />
          {x.status === 'done' ? (
            <div style={{ marginTop: 4 }}>
              {x.findings ? <Tag color="orange">{t('inspections.list.findingCount', { count: x.findings })}</Tag> : <Tag color="green">{t('inspections.detail.noFindings')}</Tag>}
            </div>
          ) : null}
        </Card>
      ))}
    </div>
  );
}

export function InspectionList() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<InspectionStatus | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const mayPlan = can(me.user.role, 'inspections.plan');
  const mayRecord = can(me.user.role, 'inspections.record');
  const teams = useQuery({ queryKey: inspectionKeys.teams({ kind: 'inspection' }), queryFn: () => listTeams({ kind: 'inspection' }) });
  const numberQ = useNumberSearch();
  const { regionId, setRegionId } = useUrlFilters();
  const filter: InspectionFilter = { q: numberQ, regionId, status, teamId, from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') };
  const { list, rows, total } = useCursorList(inspectionKeys.list(filter), (cursor) => listInspections(filter, cursor));
  const open = (x: Inspection) => void navigate(`/inspections/${x.id}`);

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('inspections.list.title')}</Typography.Title>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <ExportButton list="/inspections" filters={filter} />
          {mayPlan ? <Button icon={<CalendarOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => void navigate('/inspections/plan')} data-testid="inspection-plan">{t('inspections.list.plan')}</Button> : null}
          {mayRecord ? <Button type="primary" icon={<PlusOutlined />} size={mobile ? 'large' : 'middle'} onClick={() => void navigate('/inspections/record')} data-testid="inspection-adhoc">{t('inspections.list.record')}</Button> : null}
        </div>
      </div>
      {mobile ? null : <Typography.Paragraph type="secondary">{t('inspections.list.intro')}</Typography.Paragraph>}
      <ConfidentialNote />
      <SummaryTiles mobile={mobile} />
      {mayRecord ? <Upcoming mobile={mobile} /> : null}
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16 }}>
          <NumberSearchBox example="JC-20261206-0113" mobile={mobile} testId="inspection-search" />
          <Select<InspectionStatus>
            allowClear
            value={status}
            onChange={setStatus}
            placeholder={t('inspections.list.filterStatus')}
            style={{ flex: '1 1 120px', maxWidth: mobile ? undefined : 160 }}
            options={INSPECTION_STATUSES.map((s) => ({ value: s, label: t(`inspections.statuses.${s}`) }))}
            data-testid="inspection-filter-status"
          />
          <Select<string>
            allowClear
            value={teamId}
            onChange={setTeamId}
            placeholder={t('inspections.list.filterTeam')}
            style={{ flex: '1 1 160px', maxWidth: mobile ? undefined : 260 }}
            options={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            data-testid="inspection-filter-team"
          />
          <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} inputReadOnly style={{ flex: '1 1 220px', maxWidth: mobile ? undefined : 280 }} />
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={total} mobile={mobile} testId="inspections" />
        </div>
        <PagedRecords<Inspection>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('inspections.list.empty')}
          cards={(loaded) => <InspectionCards rows={loaded} onOpen={open} />}
          testId="inspection-table"
          onOpen={open}
          columns={[
            { title: t('common.number'), dataIndex: 'number', render: (v: string) => <RecordNumber value={v} testId="inspection-number" /> },
            // Day above time, the team on two lines and a narrower summary: the table fits 1366 px.
            { title: t('inspections.record.scheduled'), dataIndex: 'scheduledAt', render: (v: string) => <Wrapped maxWidth={96}>{formatDateTime(v)}</Wrapped> },
            { title: t('inspections.record.at'), dataIndex: 'doneAt', render: (v: string | null) => <Wrapped maxWidth={96}>{formatDateTime(v)}</Wrapped> },
            { title: t('inspections.list.village'), dataIndex: 'regionName', render: (v: string) => <Wrapped maxWidth={140} testId="inspection-place">{v}</Wrapped> },
            { title: t('inspections.list.team'), dataIndex: 'teamName', render: (v: string, r) => <Wrapped maxWidth={128}>{v}{r.scheduleId ? null : <Tag style={{ marginInlineStart: 6 }}>{t('inspections.list.adHoc')}</Tag>}</Wrapped> },
            { title: t('inspections.list.status'), dataIndex: 'status', render: (v: InspectionStatus) => <InspectionStatusTag status={v} /> },
            { title: t('inspections.list.findings'), dataIndex: 'findings', align: 'right', render: (v: number, r) => (r.status === 'done' ? (v ? <Tag color="orange" style={{ marginInlineEnd: 0 }}>{v}</Tag> : 0) : '—') },
            { title: t('inspections.list.doneBy'), dataIndex: 'doneBy', render: (v: string | null) => v ?? '—' },
            { title: t('inspections.list.summary'), dataIndex: 'summary', ellipsis: true, width: 200, render: (v: string | null) => v ?? '—' },
            ...(mayRecord
              ? [{
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, r: Inspection) =>
                    r.status === 'scheduled' || r.status === 'missed' ? (
                      <Button size="small" type="link" icon={<AuditOutlined />} onClick={(e) => { e.stopPropagation(); void navigate(`/inspections/${r.id}/record`); }}>{t('inspections.list.start')}</Button>
                    ) : null,
                }]
              : []),
          ]}
        />
      </Card>
    </div>
  );
}
