// 上报提醒: at reminder time, the grids of my region still to file (the live list), grouped by
// town and village (RemindersByTown), each with a reminder to copy into the grid's chat group,
// and all of them at once.
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
import { CopyAllButton } from './GridLists.tsx';
import { RemindersByTown } from './RemindersByTown.tsx';
import { clockOf, dayFromParam, useCountyZone } from './reportDays.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { REPORT_EVENTS, getReminders, reportKeys } from './reports.api.ts';


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
            <RemindersByTown grids={missing} ctx={ctx} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
