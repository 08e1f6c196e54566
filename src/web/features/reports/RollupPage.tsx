// 每日上报 roll-up for village, town and county officers: the day and the region (starting at
// mine; click a child bar or row to drill down, the breadcrumb to climb back), tiles, a bar per
// child region, the trend, then who is missing (with a reminder to copy) and who has filed.
// The region, day and trend span live in the URL, so the back button climbs too.
import { BellOutlined, DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Button, Card, DatePicker, Space, Spin, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { RollupRow } from '../../../shared/reports.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { dayIn } from '../../lib/countyTime.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { getRegion, regionKeys } from '../regions/regions.api.ts';
import { CopyAllButton, FiledGridList, MissingGridList } from './GridLists.tsx';
import { ReportDrawer } from './ReportDrawer.tsx';
import { clockOf, dayFromParam, useCountyZone } from './reportDays.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { REPORT_EVENTS, getRollup, getStatus, getTrend, reportKeys, rollupXlsxUrl } from './reports.api.ts';
import { ChildrenBars, notFiled, onTimeRate, reportingRate, RollupTiles, TrendChart } from './RollupCharts.tsx';


function ChildrenTable({ rows, onPick }: { rows: RollupRow[]; onPick: (row: RollupRow) => void }) {
  const { t } = useTranslation();
  const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
  return (
    <Table<RollupRow>
      rowKey="regionId"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="rollup-children"
      onRow={(r) => ({ onClick: () => onPick(r), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('reports.region'), dataIndex: 'name', render: (v: string) => <a>{v}</a> },
        { title: t('reports.tiles.grids'), dataIndex: 'grids', align: 'right' },
        { title: t('reports.tiles.onTime'), dataIndex: 'onTime', align: 'right' },
        { title: t('reports.tiles.late'), dataIndex: 'late', align: 'right' },
        { title: t('reports.tiles.missing'), key: 'missing', align: 'right', render: (_: unknown, r) => notFiled(r) },
        { title: t('reports.tiles.returned'), dataIndex: 'returned', align: 'right' },
        { title: t('reports.zero'), dataIndex: 'zero', align: 'right' },
        { title: t('reports.tiles.rate'), key: 'rate', align: 'right', render: (_: unknown, r) => pct(reportingRate(r)) },
        { title: t('reports.trend.onTime'), key: 'onTimeRate', align: 'right', render: (_: unknown, r) => pct(onTimeRate(r)) },
      ]}
    />
  );
}

export default function RollupPage() {
  const me = useMe();
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const zone = useCountyZone();
  const today = dayIn(zone);
  const [params, setParams] = useSearchParams();
  const date = dayFromParam(params.get('date'), today);
  const regionId = Number(params.get('regionId')) || me.region.id;
  const days = params.get('days') === '30' ? 30 : 14;
  const [openReport, setOpenReport] = useState<string | null>(null);
  useLiveRefresh(REPORT_EVENTS, reportKeys.all);

  const set = (changes: Record<string, string | undefined>, push = false) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: !push },
    );

  const region = useQuery({ queryKey: regionKeys.detail(regionId), queryFn: () => getRegion(regionId) });
  const rollup = useQuery({ queryKey: reportKeys.rollup(regionId, date), queryFn: () => getRollup(regionId, date) });
  const status = useQuery({ queryKey: reportKeys.status(regionId, date), queryFn: () => getStatus(regionId, date) });
  const trend = useQuery({ queryKey: reportKeys.trend(regionId, days), queryFn: () => getTrend(regionId, days) });

  const drill = (row: RollupRow) => {
    if (row.level === 'grid') {
      // A grid has no children to show: open its report if there is one.
      const filed = status.data?.filed.find((g) => g.regionId === row.regionId);
      if (filed) setOpenReport(filed.reportId);
      return;
    }
    set({ regionId: String(row.regionId) }, true);
  };

  // The breadcrumb from my own region down to the one shown.
  const path = region.data?.path ?? [];
  const mine = path.findIndex((p) => p.id === me.region.id);
  const crumbs = mine >= 0 ? path.slice(mine) : path.slice(-1);
  const deadline = status.data ? clockOf(status.data.deadline, zone) : rollup.data ? clockOf(rollup.data.deadline, zone) : '';
  const ctx = { date, today, deadline, english: i18n.language === 'en' };
  const missing = status.data?.missing ?? [];
  const pad = { body: { padding: mobile ? 12 : 20 } };

  return (
    <div className="gg-page" data-testid="rollup-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('reports.rollup.title')}</Typography.Title>
        <Space wrap>
          <DatePicker
            value={dayjs(date)}
            onChange={(d) => set({ date: d && d.format('YYYY-MM-DD') !== today ? d.format('YYYY-MM-DD') : undefined })}
            allowClear={false}
            inputReadOnly={mobile}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
            data-testid="rollup-date"
          />
          <Link to="/reports/reminders"><Button icon={<BellOutlined />}>{t('reports.reminders.nav')}</Button></Link>
          <Button icon={<DownloadOutlined />} href={rollupXlsxUrl(regionId, date)} download data-testid="rollup-xlsx">{t('reports.rollup.xlsx')}</Button>
        </Space>
      </div>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        data-testid="rollup-breadcrumb"
        items={crumbs.map((p) => ({
          key: p.id,
          title: p.id === regionId ? <strong>{p.name}</strong> : <a onClick={() => set({ regionId: p.id === me.region.id ? undefined : String(p.id) }, true)}>{p.name}</a>,
        }))}
      />
      {deadline ? <div className="gg-muted" style={{ marginBottom: 12, fontSize: 13 }}>{t('reports.rollup.deadlineLine', { date, deadline })}</div> : null}
      {rollup.isError ? <Alert type="error" showIcon title={errorText(rollup.error)} style={{ marginBottom: 16 }} /> : null}
      {rollup.isPending ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : null}
      {rollup.data ? (
        <>
          <RollupTiles totals={rollup.data.region} />
          <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'minmax(0, 1fr)' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, marginBottom: 16, alignItems: 'stretch' }}>
            <Card size="small" title={t('reports.rollup.byChild')} styles={pad}>
              <ChildrenBars rows={rollup.data.children} onPick={drill} />
            </Card>
            {trend.isError ? <Alert type="error" showIcon title={errorText(trend.error)} /> : <TrendChart items={trend.data?.items ?? []} days={days} onDays={(d) => set({ days: d === 14 ? undefined : String(d) })} />}
          </div>
        </>
      ) : null}
      {status.isError ? <Alert type="error" showIcon title={errorText(status.error)} style={{ marginBottom: 16 }} /> : null}
      {/* 未报 above 已报, each the page's width: side by side, their tables (about 900 px wide with the
          responsible people's phones) scrolled sideways inside the cards even at 1920. */}
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 16, marginBottom: 16, alignItems: 'start' }}>
        <Card
          size="small"
          title={t('reports.rollup.missingTitle', { count: missing.length })}
          extra={<CopyAllButton grids={missing} ctx={ctx} />}
          styles={pad}
          data-testid="rollup-missing"
        >
          {status.isPending ? <Spin /> : <MissingGridList grids={missing} ctx={ctx} mayFileFor={can(me.user.role, 'reports.fileFor')} />}
        </Card>
        <Card size="small" title={t('reports.rollup.filedTitle', { count: status.data?.filed.length ?? 0 })} styles={pad} data-testid="rollup-filed">
          {status.isPending ? <Spin /> : <FiledGridList grids={status.data?.filed ?? []} zone={zone} date={date} onOpen={setOpenReport} />}
        </Card>
      </div>
      {rollup.data && rollup.data.children.length ? (
        <Card size="small" title={t('reports.rollup.childTable')} styles={pad}>
          <ChildrenTable rows={rollup.data.children} onPick={drill} />
        </Card>
      ) : null}
      <ReportDrawer reportId={openReport} onClose={() => setOpenReport(null)} />
    </div>
  );
}
