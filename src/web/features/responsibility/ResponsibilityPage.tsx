// 包保责任落实情况 (the HQ view): who carries how many persons under control, as bars; the persons
// under control (home quarantine, red or yellow) still missing one of the five roles; and how
// many micro-grids have a named person. Scoped to a region of the caller's subtree.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/auth.tsx';
import { can } from '../../app/access.ts';
import { RegionFilter } from '../../lib/RegionFilter.tsx';
import type { ResponsibilityLoad } from '../../../shared/responsibility.ts';
import { EChart, type EChartsOption } from '../../lib/EChart.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { CoverageSummary } from './CoverageSummary.tsx';
import { getLoad, responsibilityKeys } from './responsibility.api.ts';

function carriersOption(load: ResponsibilityLoad, label: string): EChartsOption {
  const rows = [...load.carriers].reverse();
  return {
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((c) => c.name), axisLabel: { width: 96, overflow: 'truncate' } },
    series: [{ type: 'bar', name: label, data: rows.map((c) => c.persons), itemStyle: { color: '#1677ff' }, label: { show: true, position: 'right' } }],
  };
}

export default function ResponsibilityPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const [regionId, setRegionId] = useState<number | undefined>();
  const me = useMe();
  // The person's name opens the person search with it typed in (kept out of the URL); an auditor,
  // who reads no households, sees the name only.
  const personLink = (name: string, personId: string) =>
    can(me.user.role, 'households') ? <Link to="/persons" state={{ q: name }} data-person={personId}>{name}</Link> : <span data-person={personId}>{name}</span>;
  const missingTags = (roles: readonly string[]) => (
    <Space size={4} wrap>
      {roles.map((r) => <Tag key={r} color="red" style={{ marginInlineEnd: 0 }}>{t(`responsibility.roles.${r}`)}</Tag>)}
    </Space>
  );
  const load = useQuery({ queryKey: responsibilityKeys.load(regionId), queryFn: () => getLoad(regionId) });
  const data = load.data;
  const cardBody = { body: { padding: mobile ? 12 : 24 } };
  return (
    <div className="gg-page" data-testid="responsibility-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('responsibility.load.title')}</Typography.Title>
        {/* The lists' own place filter: it says 全部… when nothing is picked (an empty box did not). */}
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, width: mobile ? '100%' : undefined }}>
          <RegionFilter value={regionId} onChange={setRegionId} mobile={mobile} testId="responsibility-place" />
        </div>
      </div>
      {load.isError ? <Alert type="error" showIcon title={errorText(load.error)} style={{ marginBottom: 16 }} /> : null}
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? '1fr' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <Card title={data?.carriers.length ? t('responsibility.load.carriers', { count: data.carriers.length }) : t('responsibility.load.carriersNone')} styles={cardBody} loading={load.isPending}>
          {data && data.carriers.length ? (
            <EChart option={carriersOption(data, t('responsibility.load.persons'))} height={Math.max(160, data.carriers.length * 28 + 24)} testId="responsibility-carriers" />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('responsibility.load.noCarriers')} data-testid="responsibility-no-carriers" />
          )}
        </Card>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card styles={cardBody} loading={load.isPending} data-testid="responsibility-control">
            {data ? (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Space size={8} wrap>
                  <Tag color="blue">{t('responsibility.load.underControl', { count: data.underControl })}</Tag>
                  <Tag color={data.incompleteCount ? 'red' : 'green'} data-testid="responsibility-incomplete-count">{t('responsibility.load.incomplete', { count: data.incompleteCount })}</Tag>
                </Space>
                <Progress percent={data.underControl ? Math.round(((data.underControl - data.incompleteCount) / data.underControl) * 100) : 100} status={data.incompleteCount ? 'exception' : 'success'} />
              </Space>
            ) : null}
          </Card>
          <CoverageSummary regionId={regionId} />
        </Space>
      </div>
      <Card title={t('responsibility.load.incompleteList')} styles={cardBody} style={{ marginTop: 16 }}>
        {data && data.incomplete.length === 0 ? (
          <Alert type="success" showIcon title={t('responsibility.load.allComplete')} />
        ) : mobile ? (
          // A phone: one line per person (a three-column table scrolled sideways inside the card).
          <div className="gg-card-list" data-testid="responsibility-incomplete">
            {data?.incomplete.map((row) => (
              <div key={row.personId} className="gg-stack-row">
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                  <strong>{personLink(row.personName, row.personId)}</strong>
                  <span className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{row.regionName}</span>
                </div>
                <div style={{ marginTop: 4 }}>{missingTags(row.missingRoles)}</div>
              </div>
            ))}
          </div>
        ) : (
          <Table
            size="small"
            rowKey="personId"
            loading={load.isPending}
            dataSource={data?.incomplete}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="responsibility-incomplete"
            columns={[
              { title: t('quarantine.person'), dataIndex: 'personName', render: (v: string, row) => personLink(v, row.personId) },
              { title: t('responsibility.load.region'), dataIndex: 'regionName' },
              { title: t('responsibility.load.missingRoles'), dataIndex: 'missingRoles', render: (roles: string[]) => missingTags(roles) },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
