// 微网格覆盖: how many micro-grids of a subtree have a named person, as a bar, and which do not:
// their count and the first few, the rest behind 展开全部 N 个 (a county has hundreds; listing them
// all made the card run several screens down the grid page and the HQ view).
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Uncovered micro-grids shown before 展开全部. */
const FIRST_FEW = 6;
import type { VolunteerCoverage } from '../../../shared/responsibility.ts';
import { getCoverage, responsibilityKeys } from './responsibility.api.ts';

export function CoverageSummary({ regionId, bordered = true }: { regionId: number | undefined; bordered?: boolean }) {
  const { t } = useTranslation();
  const coverage = useQuery({ queryKey: responsibilityKeys.coverage(regionId), queryFn: () => getCoverage(regionId), staleTime: 60_000 });
  const c = coverage.data;
  const [expanded, setExpanded] = useState(false);
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
            <UncoveredList uncovered={c.uncovered} count={c.microgrids - c.covered} expanded={expanded} onToggle={() => setExpanded(!expanded)} />
          )}
        </Space>
      )}
    </Card>
  );
}

function UncoveredList({ uncovered, count, expanded, onToggle }: { uncovered: VolunteerCoverage['uncovered']; count: number; expanded: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const shown = expanded ? uncovered : uncovered.slice(0, FIRST_FEW);
  return (
    <div>
      <div className="gg-muted" style={{ marginBottom: 4 }} data-testid="coverage-uncovered-count">{t('responsibility.volunteers.uncoveredCount', { count })}</div>
      <div style={expanded ? { maxHeight: 240, overflowY: 'auto' } : undefined}>
        <Space size={4} wrap data-testid="coverage-uncovered">
          {shown.map((m) => <Tag key={m.regionId} color="orange" style={{ marginInlineEnd: 0 }}>{m.parentName ? `${m.parentName} · ` : ''}{m.name}</Tag>)}
        </Space>
      </div>
      {uncovered.length > FIRST_FEW ? (
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={onToggle} data-testid="coverage-toggle">
          {expanded ? t('responsibility.volunteers.showFewer') : t('responsibility.volunteers.showAll', { count })}
        </Button>
      ) : null}
      {expanded && count > uncovered.length ? <div className="gg-muted" style={{ fontSize: 12 }}>{t('responsibility.volunteers.firstListed', { shown: uncovered.length })}</div> : null}
    </div>
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
