// 每日上报 (filing), phone first: the grid, the day (today, or up to a week back), where the
// report stands, the pre-filled figures to confirm or correct, and the report's history.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { addDays, dayIn, shortDay } from '../../lib/countyTime.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { ReportForm } from './ReportForm.tsx';
import { ReportHistory } from './ReportHistory.tsx';
import { dayFromParam, FILE_DAYS_BACK, useCountyZone } from './reportDays.ts';
import { getPrefill, getReport, reportKeys } from './reports.api.ts';
import { ReportStatusPanel } from './ReportStatusPanel.tsx';
import { useFilingGrid } from './useFilingGrid.ts';


export default function ReportFilePage() {
  const me = useMe();
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const zone = useCountyZone();
  const [params, setParams] = useSearchParams();
  const today = dayIn(zone);
  const earliest = addDays(today, -FILE_DAYS_BACK);
  const date = dayFromParam(params.get('date'), today, earliest);
  const pickedId = Number(params.get('regionId')) || null;
  const grid = useFilingGrid(me, pickedId);
  const gridId = grid.gridId;

  const setParam = (name: string, value: string | undefined) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  const prefill = useQuery({
    queryKey: reportKeys.prefill(gridId ?? 0, date),
    queryFn: () => getPrefill(gridId ?? 0, date),
    enabled: gridId !== null,
  });
  const reportId = prefill.data?.report?.id;
  const detail = useQuery({
    queryKey: reportKeys.detail(reportId ?? ''),
    queryFn: () => getReport(reportId ?? ''),
    enabled: !!reportId,
  });
  const history = detail.data?.history;

  const pickers = (
    <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
      {grid.mustPick ? (
        <RegionSelect
          level="grid"
          value={gridId}
          onChange={(id) => setParam('regionId', id ? String(id) : undefined)}
          placeholder={t('reports.file.pickGrid')}
          style={{ flex: '1 1 220px', width: undefined }}
          data-testid="report-grid"
        />
      ) : null}
      <DatePicker
        value={dayjs(date)}
        onChange={(d) => setParam('date', d ? d.format('YYYY-MM-DD') : undefined)}
        allowClear={false}
        inputReadOnly={mobile}
        disabledDate={(d) => {
          const day = d.format('YYYY-MM-DD');
          return day > today || day < earliest;
        }}
        style={{ flex: mobile ? '1 1 100%' : '0 0 180px' }}
        data-testid="report-date"
      />
    </div>
  );

  let body;
  if (gridId === null) {
    body = grid.loading ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : <Alert type="info" showIcon title={t('reports.file.pickGridFirst')} />;
  } else if (prefill.isPending) {
    body = <Spin style={{ display: 'block', margin: '48px auto' }} />;
  } else if (prefill.isError) {
    body = <Alert type="error" showIcon title={errorText(prefill.error)} />;
  } else {
    const data = prefill.data;
    const report = data.report;
    body = (
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? 'minmax(0, 1fr)' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <div style={{ minWidth: 0 }}>
          <ReportStatusPanel prefill={data} date={date} zone={zone} />
          <Card
            title={report ? t('reports.file.correctTitle') : date === today ? t('reports.file.formTitle') : t('reports.file.formTitleDay', { day: shortDay(date, i18n.language === 'en') })}
            extra={<span className="gg-muted" style={{ fontSize: 12 }}>{report?.regionName ?? ''}</span>}
            styles={{ body: { padding: mobile ? 12 : 24 } }}
          >
            <ReportForm gridId={gridId} gridName={data.report?.regionName ?? (me.region.id === gridId ? me.region.name : undefined)} date={date} prefill={data} />
          </Card>
        </div>
        {report ? (
          <Card title={t('reports.history')} styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="report-history-card">
            {detail.isPending ? <Spin /> : detail.isError ? <Alert type="error" showIcon title={errorText(detail.error)} /> : <ReportHistory history={history} />}
          </Card>
        ) : null}
      </div>
    );
  }

  return (
    <div className="gg-page" data-testid="report-file-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('reports.file.title')}</Typography.Title>
        {can(me.user.role, 'reports') ? <Link to="/reports">{t('reports.rollup.title')}</Link> : null}
      </div>
      <div style={{ marginBottom: 16 }}>{pickers}</div>
      {body}
    </div>
  );
}
