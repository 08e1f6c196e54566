// 登记表/责任书: the forms of my subtree, newest first, filtered by kind and status; a table on a
// desk, cards on a phone; "load more" pages with the cursor.
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FORM_KINDS, FORM_STATUSES, type Form } from '../../../shared/forms.ts';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { formKeys, listForms } from './forms.api.ts';
import { KindTag, StatusTag, addressOf, subjectOf } from './formView.tsx';
import { RecordTable } from '../../lib/RecordTable.tsx';
import { ExportButton } from '../../lib/ExportButton.tsx';

export default function FormsPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [kind, setKind] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<string | undefined>(undefined);

  const { regionId, setRegionId } = useUrlFilters();
  const forms = useInfiniteQuery({
    queryKey: formKeys.list({ kind, status, regionId }),
    queryFn: ({ pageParam }) => listForms({ kind, status, regionId, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = forms.data?.pages.flatMap((p) => p.items) ?? [];
  const open = (f: Form) => void navigate(`/forms/${f.id}`);

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('forms.title')}</Typography.Title>
        <ExportButton list="/forms" filters={{ kind, status, regionId }} />
      </div>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
          <Select<string>
            value={kind ?? ''}
            onChange={(v) => setKind(v || undefined)}
            style={{ flex: mobile ? '1 1 100%' : '0 0 260px' }}
            options={[{ value: '', label: t('forms.allKinds') }, ...FORM_KINDS.map((k) => ({ value: k, label: t(`forms.kinds.${k}`) }))]}
            data-testid="forms-kind"
          />
          <Select<string>
            value={status ?? ''}
            onChange={(v) => setStatus(v || undefined)}
            style={{ flex: mobile ? '1 1 100%' : '0 0 160px' }}
            options={[{ value: '', label: t('forms.allStatuses') }, ...FORM_STATUSES.map((s) => ({ value: s, label: t(`forms.statuses.${s}`) }))]}
            data-testid="forms-status"
          />
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={forms.data?.pages[0]?.total} mobile={mobile} testId="forms" />
        </div>
        {forms.isError ? <Alert type="error" showIcon title={errorText(forms.error)} style={{ marginBottom: 16 }} /> : null}
        {mobile ? <FormCards rows={rows} loading={forms.isPending} onOpen={open} /> : <FormTable rows={rows} loading={forms.isPending} onOpen={open} />}
        {forms.hasNextPage ? (
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Button onClick={() => void forms.fetchNextPage()} loading={forms.isFetchingNextPage}>{t('common.loadMore')}</Button>
          </div>
        ) : null}
      </Card>
    </div>
  );
}

interface ListProps {
  rows: Form[];
  loading: boolean;
  onOpen: (f: Form) => void;
}

function FormTable({ rows, loading, onOpen }: ListProps) {
  const { t } = useTranslation();
  return (
    <RecordTable<Form>
      rows={rows}
      loading={loading}
      emptyText={t('forms.empty')}
      testId="forms-table"
      onOpen={onOpen}
      columns={[
        { title: t('forms.kind'), dataIndex: 'kind', render: (_: unknown, f) => <KindTag form={f} /> },
        { title: t('forms.subject'), key: 'subject', render: (_: unknown, f) => <a>{subjectOf(f)}</a> },
        { title: t('forms.address'), key: 'address', render: (_: unknown, f) => addressOf(f) },
        { title: t('common.status'), dataIndex: 'status', render: (_: unknown, f) => <StatusTag form={f} /> },
        { title: t('forms.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { title: t('forms.signedAt'), dataIndex: 'signedAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
      ]}
    />
  );
}

function FormCards({ rows, loading, onOpen }: ListProps) {
  const { t } = useTranslation();
  if (loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('forms.empty')} />;
  return (
    <div className="gg-card-list" data-testid="forms-cards">
      {rows.map((f) => (
        <Card key={f.id} size="small" onClick={() => onOpen(f)} hoverable>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <strong className="gg-ellipsis">{subjectOf(f)}</strong>
            <StatusTag form={f} />
          </div>
          <div className="gg-muted gg-ellipsis" style={{ fontSize: 12, marginTop: 2 }}>{addressOf(f)}</div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 6, fontSize: 12, alignItems: 'center' }}>
            <KindTag form={f} />
            <span className="gg-muted">{formatDateTime(f.createdAt)}</span>
          </div>
        </Card>
      ))}
    </div>
  );
}
