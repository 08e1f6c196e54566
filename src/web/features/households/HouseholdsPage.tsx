// 入户排摸: the households of my subtree, searched by address and filtered by "not visited for N
// days"; a table on a desk, cards on a phone; "load more" pages with the cursor.
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Household } from '../../../shared/households.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { ConflictsBadge, mayResolveConflicts } from './ConflictsBadge.tsx';
import { HouseholdDrawer } from './HouseholdDrawer.tsx';
import { HouseholdCards, HouseholdTable } from './HouseholdList.tsx';
import { householdKeys, listHouseholds } from './households.api.ts';
import { ExportButton } from '../../lib/ExportButton.tsx';

const DAY_OPTIONS = [7, 14, 30] as const;

export default function HouseholdsPage() {
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const [days, setDays] = useState<number | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const { regionId, setRegionId } = useUrlFilters();
  const mayRegister = can(me.user.role, 'households.register');

  const households = useInfiniteQuery({
    queryKey: [...householdKeys.list(q, days), regionId ?? 0],
    queryFn: ({ pageParam }) => listHouseholds({ regionId, q: q || undefined, notVisitedForDays: days, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = households.data?.pages.flatMap((p) => p.items) ?? [];
  const total = households.data?.pages[0]?.total;
  const listProps = { rows, loading: households.isPending, onOpen: (h: Household) => void navigate(`/households/${h.id}`) };

  return (
    <div className="gg-page">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('households.title')}</Typography.Title>
        <Space wrap>
          {mayResolveConflicts(me.user.role) ? <ConflictsBadge /> : null}
          <ExportButton list="/exports" file="/exports/summary.xlsx" filters={{ regionId }} label={t('exports.summary')} testId="export-summary" />
          <ExportButton list="/households" filters={{ regionId, q: q || undefined, notVisitedForDays: days }} revealable />
          {mayRegister ? (
            <Button icon={<UploadOutlined />} onClick={() => void navigate('/households/import')} data-testid="person-import-open">
              {t('personImport.entry')}
            </Button>
          ) : null}
          {mayRegister ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="household-create">
              {t('households.create')}
            </Button>
          ) : null}
        </Space>
      </div>
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
          <Input.Search
            allowClear
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) setQ('');
            }}
            onSearch={(v) => setQ(v.trim())}
            placeholder={t('households.searchPlaceholder')}
            style={{ flex: '1 1 240px', maxWidth: mobile ? undefined : 360 }}
            data-testid="household-search"
          />
          <Select<number>
            value={days ?? 0}
            onChange={(v) => setDays(v || undefined)}
            style={{ flex: mobile ? '1 1 100%' : '0 0 200px' }}
            prefix={<span className="gg-muted">{t('households.notVisitedFor')}</span>}
            options={[{ value: 0, label: t('common.all') }, ...DAY_OPTIONS.map((d) => ({ value: d, label: t('households.days', { count: d }) }))]}
            data-testid="household-days"
          />
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={total} mobile={mobile} testId="households" />
        </div>
        {households.isError ? <Alert type="error" showIcon title={errorText(households.error)} style={{ marginBottom: 16 }} /> : null}
        {mobile ? <HouseholdCards {...listProps} /> : <HouseholdTable {...listProps} />}
        {households.hasNextPage ? (
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <Button onClick={() => void households.fetchNextPage()} loading={households.isFetchingNextPage}>{t('common.loadMore')}</Button>
          </div>
        ) : null}
      </Card>
      <HouseholdDrawer open={creating} onClose={() => setCreating(false)} onCreated={(id) => void navigate(`/households/${id}`)} />
    </div>
  );
}
