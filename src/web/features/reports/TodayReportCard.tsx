// On the home page of a grid worker: "今日上报: 未报/已报/已退回", the deadline, one tap to the form.
import { CalendarOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { dayIn } from '../../lib/countyTime.ts';
import { clockOf, useCountyZone } from './reportDays.ts';
import { getPrefill, reportKeys } from './reports.api.ts';
import { useFilingGrid } from './useFilingGrid.ts';

export function TodayReportCard() {
  const me = useMe();
  const { t } = useTranslation();
  const zone = useCountyZone();
  const today = dayIn(zone);
  const grid = useFilingGrid(me, null);
  const shown = can(me.user.role, 'reports.file') && !grid.mustPick;
  const prefill = useQuery({
    queryKey: reportKeys.prefill(grid.gridId ?? 0, today),
    queryFn: () => getPrefill(grid.gridId ?? 0, today),
    enabled: shown && grid.gridId !== null,
  });
  if (!shown || !prefill.data) return null;
  const report = prefill.data.report;
  const tag = !report ? (
    <Tag color="red">{t('reports.home.notFiled')}</Tag>
  ) : report.status === 'returned' ? (
    <Tag color="red">{t('reports.home.returned')}</Tag>
  ) : (
    <Tag color={report.onTime ? 'green' : 'orange'}>{report.onTime ? t('reports.home.filed') : t('reports.status.late')}</Tag>
  );
  const needsAction = !report || report.status === 'returned';
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="home-report-card">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
        <Space size={8} wrap>
          <CalendarOutlined style={{ fontSize: 20, color: '#1f5fbf' }} />
          <strong>{t('reports.home.title')}</strong>
          {tag}
          <span className="gg-muted" style={{ fontSize: 12 }}>{t('reports.home.deadline', { deadline: clockOf(prefill.data.deadline, zone) })}</span>
        </Space>
        <Link to="/reports/file">
          <Button type={needsAction ? 'primary' : 'default'} size="small">{needsAction ? t('reports.home.open') : t('reports.home.view')}</Button>
        </Link>
      </div>
    </Card>
  );
}
