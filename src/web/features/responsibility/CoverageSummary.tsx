// 微网格覆盖: how many micro-grids of a subtree have a named person, as a bar, and which do not.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Progress, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { getCoverage, responsibilityKeys } from './responsibility.api.ts';

export function CoverageSummary({ regionId, bordered = true }: { regionId: number | undefined; bordered?: boolean }) {
  const { t } = useTranslation();
  const coverage = useQuery({ queryKey: responsibilityKeys.coverage(regionId), queryFn: () => getCoverage(regionId), staleTime: 60_000 });
  const c = coverage.data;
  return (
    <Card title={t('responsibility.volunteers.coverage')} size="small" variant={bordered ? 'outlined' : 'borderless'} loading={coverage.isPending} data-testid="coverage-summary">
      {!c ? null : c.microgrids === 0 ? (
        <span className="gg-muted">{t('responsibility.volunteers.noMicrogrids')}</span>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span data-testid="coverage-text">{t('responsibility.volunteers.coverageText', { covered: c.covered, total: c.microgrids })}</span>
          <Progress percent={Math.round((c.covered / c.microgrids) * 100)} status={c.uncovered.length ? 'active' : 'success'} />
          {c.uncovered.length === 0 ? (
            <Alert type="success" showIcon title={t('responsibility.volunteers.allCovered')} />
          ) : (
            <div>
              <div className="gg-muted" style={{ marginBottom: 4 }}>{t('responsibility.volunteers.uncovered')}</div>
              <Space size={4} wrap data-testid="coverage-uncovered">
                {c.uncovered.slice(0, 30).map((m) => <Tag key={m.regionId} color="orange" style={{ marginInlineEnd: 0 }}>{m.parentName ? `${m.parentName} · ` : ''}{m.name}</Tag>)}
              </Space>
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}

/** One line for the command screen: micro-grids with a named person out of all. */
export function CoverageBadge({ regionId }: { regionId: number }) {
  const { t } = useTranslation();
  const coverage = useQuery({ queryKey: responsibilityKeys.coverage(regionId), queryFn: () => getCoverage(regionId), staleTime: 60_000 });
  const c = coverage.data;
  if (!c || c.microgrids === 0) return null;
  return (
    <span className="ggd-date" data-testid="dashboard-coverage" title={t('responsibility.volunteers.coverageText', { covered: c.covered, total: c.microgrids })}>
      {t('responsibility.volunteers.coverage')} {c.covered}/{c.microgrids}
    </span>
  );
}
