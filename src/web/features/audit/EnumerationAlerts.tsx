// 疑似批量查询告警: shown above the audit log whenever an account has been told about more other
// regions' people than the limit allows (src/shared/audit.ts), with a way to see the alerts only
// or that account's lookups. The server writes the alerts; this only makes sure nobody misses one.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ENUMERATION_ALERT, ENUMERATION_SUSPECTED, OUT_OF_REGION_ANSWER } from '../../../shared/audit.ts';
import { formatDateTime } from '../../lib/format.ts';
import { type AuditFilter, searchAudit } from './audit.api.ts';

export function EnumerationAlerts({ onFilter }: { onFilter: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const alerts = useQuery({ queryKey: ['audit', 'alerts'], queryFn: () => searchAudit({ action: ENUMERATION_SUSPECTED }, undefined) });
  const items = alerts.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="audit-enumeration-alerts"
      title={t('audit.alerts.title', { count: items.length })}
      description={
        <>
          <div style={{ marginBottom: 8 }}>{t('audit.alerts.intro', { minutes: ENUMERATION_ALERT.minutes, limit: ENUMERATION_ALERT.people })}</div>
          {items.slice(0, 5).map((e) => (
            <div key={e.id} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginBottom: 4 }}>
              <span>{t('audit.alerts.line', { at: formatDateTime(e.at), user: e.username ?? e.entityId ?? '—', people: Number(e.details?.people ?? 0), minutes: ENUMERATION_ALERT.minutes })}</span>
              {e.entityId ? (
                <Button size="small" type="link" onClick={() => onFilter({ userId: e.entityId ?? undefined, action: OUT_OF_REGION_ANSWER })}>
                  {t('audit.alerts.showLookups')}
                </Button>
              ) : null}
            </div>
          ))}
          <Space style={{ marginTop: 4 }}>
            <Button size="small" danger onClick={() => onFilter({ action: ENUMERATION_SUSPECTED })} data-testid="audit-alerts-only">{t('audit.alerts.showAll')}</Button>
          </Space>
        </>
      }
    />
  );
}
