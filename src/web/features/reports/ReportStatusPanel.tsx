// Where the grid's report stands for the day: not yet filed (before or after the deadline),
// filed on time, filed late, or sent back with the reason — with the deadline always shown.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { dayIn, shortDay } from '../../lib/countyTime.ts';
import { formatDateTime } from '../../lib/format.ts';
import { clockOf, isPastDeadline } from './reportDays.ts';
import type { ReportPrefill } from './reports.api.ts';

export function ReportStatusPanel({ prefill, date, zone }: { prefill: ReportPrefill; date: string; zone: string }) {
  const { t, i18n } = useTranslation();
  const report = prefill.report;
  const deadline = clockOf(prefill.deadline, zone);
  const common = { showIcon: true, style: { marginBottom: 16 }, 'data-testid': 'report-status' } as const;
  if (!report) {
    const late = isPastDeadline(prefill.deadline, date, zone);
    return late ? (
      <Alert {...common} type="warning" title={t('reports.file.notFiledLate', { deadline })} description={t('reports.file.lateWarning')} />
    ) : (
      <Alert {...common} type="info" title={date === dayIn(zone) ? t('reports.file.notFiled') : t('reports.file.notFiledDay', { day: shortDay(date, i18n.language === 'en') })} description={t('reports.file.deadline', { deadline })} />
    );
  }
  if (report.status === 'returned') {
    return (
      <Alert
        {...common}
        type="error"
        title={t('reports.file.returned', { reason: report.returnReason ?? '' })}
        description={t('reports.file.returnedHelp', { deadline, at: formatDateTime(report.returnedAt) })}
      />
    );
  }
  const when = t('reports.file.filedAt', { at: formatDateTime(report.filedAt), deadline });
  return report.onTime ? (
    <Alert {...common} type="success" title={t('reports.status.onTime')} description={when} />
  ) : (
    <Alert {...common} type="warning" title={t('reports.status.late')} description={when} />
  );
}
