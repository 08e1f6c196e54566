// 审计日志: who read or changed what, when and from where; newest first, "load more" by cursor.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Empty, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { AuditCards } from './AuditCards.tsx';
import { EntityCell } from './EntityCell.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { RegionName } from '../regions/RegionName.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { EnumerationAlerts } from './EnumerationAlerts.tsx';
import { type AuditFilter, type Entry, alarming, searchAudit } from './audit.api.ts';


export default function AuditPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const mobile = useIsMobile();
  const [filter, setFilter] = useState<AuditFilter>({});
  // Bumped when a filter comes from the alerts, so the filter form shows it.
  const [formKey, setFormKey] = useState(0);
  const filterFromAlerts = (next: AuditFilter) => {
    setFilter(next);
    setFormKey((k) => k + 1);
  };
  const filters = <AuditFilters key={formKey} initial={filter} onApply={setFilter} />;
  const audit = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam }) => searchAudit(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const label = (group: 'actions' | 'entities', code: string) => t(`audit.${group}.${code}`, { defaultValue: code });

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('audit.title')}</Typography.Title>
      </div>
      <EnumerationAlerts onFilter={filterFromAlerts} />
      {mobile ? (
        <Collapse
          style={{ marginBottom: 12, background: '#fff' }}
          items={[{ key: 'filters', label: t('audit.filters'), children: filters }]}
        />
      ) : (
        <Card style={{ marginBottom: 16 }}>{filters}</Card>
      )}
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        {audit.isError ? <Alert type="error" showIcon title={errorText(audit.error)} style={{ marginBottom: 16 }} /> : null}
        {mobile ? <AuditCards rows={rows} loading={audit.isPending} /> : (
        <Table<Entry>
          rowKey="id"
          size="middle"
          loading={audit.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="audit-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} /> }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span> },
            { title: t('audit.user'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => <Tag color={alarming(v) ? 'red' : 'blue'}>{label('actions', v)}</Tag>,
            },
            { title: t('audit.objectName'), key: 'entity', render: (_: unknown, e: Entry) => <EntityCell entry={e} /> },
            { title: t('audit.region'), dataIndex: 'regionId', render: (id: number | null) => <RegionName id={id} /> },
            { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => <span className="gg-mono">{v ?? '—'}</span> },
            { title: t('audit.purpose'), dataIndex: 'purpose', render: (v: string | null) => v ?? '—' },
          ]}
        />
        )}
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          {audit.hasNextPage ? (
            <Button onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage} data-testid="audit-more">
              {t('common.loadMore')}
            </Button>
          ) : rows.length ? (
            <span className="gg-muted">{t('common.noMore')}</span>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
