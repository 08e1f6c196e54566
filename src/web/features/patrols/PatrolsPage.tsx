// 巡查日志: village persuasion patrols log what they did (gatherings dispersed, reminders given,
// banquets found, photos); a 14-day chart of the region above the logs, listed per day — a table
// on a desk, cards on a phone — filtered by village and day.
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Drawer, Image, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PATROL_FIGURES, type PatrolLog } from '../../../shared/patrol-logs.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { Wrapped } from '../../lib/RecordNumber.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { PatrolChart } from './PatrolChart.tsx';
import { PatrolLogDrawer } from './PatrolLogDrawer.tsx';
import { PATROL_EVENTS, type PatrolFilters, getPatrolDaily, listPatrolLogs, patrolKeys, photoUrl, patrolLogQuery } from './patrols.api.ts';
import { ExportButton } from '../../lib/ExportButton.tsx';

function Figures({ log }: { log: PatrolLog }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {PATROL_FIGURES.map((f) => (
        <Tag key={f} style={{ marginInlineEnd: 0 }}>{t(`patrols.short.${f}`)} {log[f]}</Tag>
      ))}
    </Space>
  );
}

function LogCards({ rows, onOpen }: { rows: PatrolLog[]; onOpen: (l: PatrolLog) => void }) {
  const { t } = useTranslation();
  const days = [...new Set(rows.map((r) => r.patrolledOn))];
  return (
    <div className="gg-card-list" data-testid="patrol-cards">
      {days.map((day) => (
        <div key={day} className="gg-card-list">
          <div style={{ fontWeight: 600, marginTop: 4 }}>{day}</div>
          {rows.filter((r) => r.patrolledOn === day).map((log) => (
            <Card key={log.id} size="small" onClick={() => onOpen(log)} style={{ cursor: 'pointer' }} data-testid="patrol-card">
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <strong className="gg-ellipsis">{log.regionName}</strong>
                <span className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{log.teamName}</span>
              </div>
              <div style={{ margin: '6px 0' }}><Figures log={log} /></div>
              {log.places ? <div className="gg-ellipsis" style={{ fontSize: 13 }}>{t('patrols.places')}：{log.places}</div> : null}
              {log.photos.length ? <div className="gg-muted" style={{ fontSize: 12 }}>{t('patrols.photoCount', { count: log.photos.length })}</div> : null}
            </Card>
          ))}
        </div>
      ))}
    </div>
  );
}

function LogDetail({ log, onClose }: { log: PatrolLog | null; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const dash = '—';
  return (
    <Drawer open={Boolean(log)} onClose={onClose} size={mobile ? '100%' : 480} title={t('patrols.detailTitle')} destroyOnHidden>
      {log ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="patrol-detail">
          <div><span className="gg-muted">{t('patrols.day')}：</span>{log.patrolledOn}</div>
          <div><span className="gg-muted">{t('patrols.team')}：</span>{log.teamName}</div>
          <div><span className="gg-muted">{t('patrols.village')}：</span>{log.regionName}</div>
          <Figures log={log} />
          <div><span className="gg-muted">{t('patrols.places')}：</span>{log.places ?? dash}</div>
          <div><span className="gg-muted">{t('patrols.note')}：</span>{log.note ?? dash}</div>
          <div><span className="gg-muted">{t('patrols.by')}：</span>{log.createdBy ?? dash} · {formatDateTime(log.createdAt)}</div>
          {log.photos.length ? (
            <Image.PreviewGroup>
              <Space wrap>
                {log.photos.map((sha) => <Image key={sha} src={photoUrl(sha)} width={96} height={96} style={{ objectFit: 'cover' }} data-testid="patrol-detail-photo" />)}
              </Space>
            </Image.PreviewGroup>
          ) : null}
        </div>
      ) : null}
    </Drawer>
  );
}

export default function PatrolsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const [filters, setFilters] = useState<PatrolFilters>({});
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<PatrolLog | null>(null);
  const mayLog = can(me.user.role, 'patrols.log');
  useLiveRefresh(PATROL_EVENTS, patrolKeys.all);

  const daily = useQuery({ queryKey: patrolKeys.daily(filters.regionId), queryFn: () => getPatrolDaily(filters.regionId) });
  const { list, rows, total } = useCursorList(patrolKeys.list(filters), (cursor) => listPatrolLogs(filters, cursor));
  const totals = (daily.data?.days ?? []).reduce((a, d) => ({ logs: a.logs + d.logs, gatherings: a.gatherings + d.gatheringsDispersed, reminders: a.reminders + d.maskReminders }), { logs: 0, gatherings: 0, reminders: 0 });

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('patrols.title')}</Typography.Title>
        <Space wrap>
          <ExportButton list="/patrol-logs" filters={patrolLogQuery(filters)} />
          {mayLog ? (
            <Button type="primary" size={mobile ? 'large' : 'middle'} icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="patrol-create">
              {t('patrols.create')}
            </Button>
          ) : null}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: mobile ? 12 : 16 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          <DatePicker
            value={filters.day ? dayjs(filters.day) : null}
            onChange={(d) => setFilters((f) => ({ ...f, day: d ? d.format('YYYY-MM-DD') : undefined }))}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            inputReadOnly
            placeholder={t('patrols.filterDay')}
            style={{ flex: '1 1 140px', maxWidth: mobile ? undefined : 200 }}
            data-testid="patrol-filter-day"
          />
          <PlaceAndTotal regionId={filters.regionId} onRegion={(regionId) => setFilters((f) => ({ ...f, regionId }))} total={total} mobile={mobile} testId="patrols" />
        </div>
      </Card>
      <Card size="small" title={t('patrols.chartTitle')} extra={mobile ? null : <span className="gg-muted" style={{ fontSize: 12 }}>{t('patrols.chartTotals', totals)}</span>} style={{ marginBottom: 12 }}>
        {mobile ? <div className="gg-muted" style={{ fontSize: 12, marginBottom: 4 }}>{t('patrols.chartTotals', totals)}</div> : null}
        {daily.isError ? <Alert type="error" showIcon title={errorText(daily.error)} /> : daily.data ? (
          <PatrolChart days={daily.data.days} height={mobile ? 220 : 280} labels={{ gatherings: t('patrols.figures.gatheringsDispersed'), reminders: t('patrols.figures.maskReminders') }} />
        ) : <Spin style={{ display: 'block', margin: '32px auto' }} />}
      </Card>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <PagedRecords<PatrolLog>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('patrols.empty')}
          cards={(loaded) => <LogCards rows={loaded} onOpen={setOpen} />}
          testId="patrol-table"
          onOpen={setOpen}
          columns={[
            { title: t('patrols.day'), dataIndex: 'patrolledOn', width: 110 },
            { title: t('patrols.village'), dataIndex: 'regionName', width: 96, render: (v: string) => <Wrapped maxWidth={96}>{v}</Wrapped> },
            { title: t('patrols.team'), dataIndex: 'teamName', width: 128, render: (v: string) => <Wrapped maxWidth={112}>{v}</Wrapped> },
            // Every column has its width, and long cells and the figures' headers (劝散聚集（处）…)
            // wrap: one line each pushed the table 29 px sideways at 1366 px for a grid worker, 122 px
            // for a town.
            ...PATROL_FIGURES.map((f) => ({ title: <Wrapped maxWidth={72}>{t(`patrols.figures.${f}`)}</Wrapped>, dataIndex: f, width: 88, align: 'right' as const })),
            // Places wrap too: under the table's max-content width an ellipsis cell still counts its
            // whole text, so four places pushed the table 70 px sideways at 1366 for a town.
            { title: t('patrols.places'), dataIndex: 'places', width: 150, render: (v: string | null) => <Wrapped maxWidth={134}>{v ?? '—'}</Wrapped> },
            { title: t('patrols.photos'), dataIndex: 'photos', width: 84, render: (v: string[]) => (v.length ? t('patrols.photoCount', { count: v.length }) : '—') },
            { title: t('patrols.by'), dataIndex: 'createdBy', width: 96, render: (v: string | null) => <Wrapped maxWidth={80}>{v ?? '—'}</Wrapped> },
          ]}
        />
      </Card>
      <PatrolLogDrawer open={creating} onClose={() => setCreating(false)} />
      <LogDetail log={open} onClose={() => setOpen(null)} />
    </div>
  );
}
