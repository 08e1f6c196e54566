// 上报提醒: at reminder time, the grids of my region still to file (the live list), grouped by
// village, each with a reminder to copy into the grid's chat group, and all of them at once.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, DatePicker, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { dayIn, timeOf } from '../../lib/countyTime.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { getSettings, settingsKeys } from '../settings/settings.api.ts';
import { CopyAllButton, MissingGridList } from './GridLists.tsx';
import { clockOf, dayFromParam, useCountyZone } from './reportDays.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { REPORT_EVENTS, getReminders, type MissingGrid, reportKeys } from './reports.api.ts';


/** The grids by village ("X镇 Y村"), in the order the server listed them. */
function byVillage(grids: MissingGrid[]): [string, MissingGrid[]][] {
  const groups = new Map<string, MissingGrid[]>();
  for (const g of grids) groups.set(g.parentNames, [...(groups.get(g.parentNames) ?? []), g]);
  return [...groups.entries()];
}

export default function RemindersPage() {
  const me = useMe();
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const zone = useCountyZone();
  const today = dayIn(zone);
  const [params, setParams] = useSearchParams();
  const date = dayFromParam(params.get('date'), today);
  const regionId = me.region.id;
  useLiveRefresh(REPORT_EVENTS, reportKeys.all);
  const list = useQuery({ queryKey: reportKeys.reminders(regionId, date), queryFn: () => getReminders(regionId, date), refetchInterval: 60_000 });
  const settings = useQuery({ queryKey: settingsKeys.all, queryFn: getSettings });
  const deadline = list.data ? clockOf(list.data.deadline, zone) : '';
  const ctx = { date, today, deadline, english: i18n.language === 'en' };
  const missing = list.data?.missing ?? [];

  let reminded = null;
  if (list.data) {
    reminded = list.data.remindedAt ? (
      <Alert type="info" showIcon title={t('reports.reminders.sentAt', { time: timeOf(list.data.remindedAt, zone), count: missing.length })} data-testid="reminders-sent" />
    ) : (
      <Alert type="info" showIcon title={settings.data ? t('reports.reminders.notYet', { time: settings.data.reminderTime }) : t('reports.reminders.notYetPlain')} data-testid="reminders-sent" />
    );
  }

  return (
    <div className="gg-page" data-testid="reminders-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('reports.reminders.title')}</Typography.Title>
        <Space wrap>
          <DatePicker
            value={dayjs(date)}
            onChange={(d) => setParams(d && d.format('YYYY-MM-DD') !== today ? { date: d.format('YYYY-MM-DD') } : {}, { replace: true })}
            allowClear={false}
            inputReadOnly={mobile}
            disabledDate={(d) => d.format('YYYY-MM-DD') > today}
          />
          <Link to="/reports">{t('reports.rollup.title')}</Link>
        </Space>
      </div>
      {list.isPending ? <Spin style={{ display: 'block', margin: '48px auto' }} /> : null}
      {list.isError ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
      {list.data ? (
        <>
          <div style={{ marginBottom: 16 }}>{reminded}</div>
          <Card
            size="small"
            title={t('reports.rollup.missingTitle', { count: missing.length })}
            extra={<CopyAllButton grids={missing} ctx={ctx} />}
            styles={{ body: { padding: mobile ? 12 : 20 } }}
          >
            <div className="gg-muted" style={{ marginBottom: 12, fontSize: 13 }}>{t('reports.rollup.deadlineLine', { date, deadline })}</div>
            {missing.length === 0 ? (
              <MissingGridList grids={[]} ctx={ctx} />
            ) : (
              byVillage(missing).map(([village, grids], _i, groups) => (
                <div key={village} style={{ marginBottom: 16 }} data-testid="reminder-village">
                  <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}>
                    <Typography.Title level={5} style={{ margin: 0 }}>{village || t('reports.grid')}<span className="gg-muted" style={{ fontWeight: 400, fontSize: 13, marginInlineStart: 8 }}>{t('reports.reminders.gridCount', { count: grids.length })}</span></Typography.Title>
                    {groups.length > 1 ? <CopyAllButton grids={grids} ctx={ctx} /> : null}
                  </div>
                  <MissingGridList grids={grids} ctx={ctx} hideWhere />
                </div>
              ))
            )}
          </Card>
        </>
      ) : null}
    </div>
  );
}
