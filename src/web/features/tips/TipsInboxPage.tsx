// 有奖举报 inbox: the figures of my region, then its tips (open or all; by step, category, reward
// state, region; only overdue; one row per group of duplicates), a table on a desk and cards on a
// phone. It reads again whenever a tip.* event arrives.
import { AccountBookOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Segmented, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { REWARD_STATUSES, type RewardStatus, TIP_CATEGORIES, TIP_STATUSES, type Tip, type TipCategory, type TipStatus } from '../../../shared/tips.ts';
import { PagedRecords } from '../../lib/PagedRecords.tsx';
import { NumberSearchBox, useNumberSearch } from '../../lib/RecordNumber.tsx';
import { PlaceAndTotal } from '../../lib/PlaceAndTotal.tsx';
import { useCursorList } from '../../lib/useCursorList.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useLiveRefresh } from '../../lib/useLiveRefresh.ts';
import { TipCards, useTipColumns } from './TipList.tsx';
import { TIP_EVENTS, type TipFilter, listTips, tipKeys } from './tips.api.ts';
import { TipSummaryCard } from './TipSummaryCard.tsx';
import { useUrlFilters } from '../../lib/useUrlFilters.ts';
import { ExportButton } from '../../lib/ExportButton.tsx';

type Scope = 'open' | 'all';
const SCOPES: readonly Scope[] = ['open', 'all'];

const pick = <T extends string>(values: readonly T[], raw: string | null): T | undefined => values.find((v) => v === raw);

export function TipsInboxPage() {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const columns = useTipColumns();
  // The filters live in the URL: back from a tip returns to the same list.
  const { params, regionId, setFilter, setRegionId } = useUrlFilters();
  const scope = pick(SCOPES, params.get('scope')) ?? 'open';
  const status = pick(TIP_STATUSES, params.get('status'));
  const category = pick(TIP_CATEGORIES, params.get('category'));
  const reward = pick(REWARD_STATUSES, params.get('reward'));
  const overdue = params.get('overdue') === 'true';
  const grouped = params.get('grouped') === 'true';
  useLiveRefresh(TIP_EVENTS, tipKeys.all);
  const numberQ = useNumberSearch();

  // A chosen step says by itself whether the tip is open: "open" would only contradict 评价.
  const filter: TipFilter = {
    q: numberQ,
    regionId,
    status,
    category,
    reward,
    open: scope === 'open' && !status ? 'true' : undefined,
    overdue: overdue ? 'true' : undefined,
    grouped: grouped ? 'true' : undefined,
  };
  const { list, rows, total } = useCursorList(tipKeys.list(filter), (cursor) => listTips({ ...filter, cursor, limit: 50 }));
  const open = (tip: Tip) => void navigate(`/tips/${encodeURIComponent(tip.id)}`);
  const selectStyle = { flex: '1 1 130px', maxWidth: mobile ? undefined : 170 };

  return (
    <div className="gg-page" data-testid="tips-inbox">
      <div className="gg-page-title">
        <Typography.Title level={2}>{t('tips.title')}</Typography.Title>
        <Space wrap>
          <ExportButton list="/tips" filters={filter} />
          <Button icon={<AccountBookOutlined />} onClick={() => navigate('/tips/ledger')} data-testid="tip-ledger-link">{t('tips.ledger.nav')}</Button>
        </Space>
      </div>
      <Typography.Paragraph type="secondary">{t('tips.intro')}</Typography.Paragraph>
      <TipSummaryCard regionId={regionId} mobile={mobile} />
      <Card styles={{ body: { padding: mobile ? 12 : 24 } }}>
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 16, alignItems: 'center' }}>
          <NumberSearchBox example="JB-20261206-0042" mobile={mobile} testId="tip-search" />
          <Segmented<Scope>
            value={status ? 'all' : scope}
            onChange={(v) => setFilter({ scope: v === 'open' ? undefined : v, ...(v === 'open' ? { status: undefined } : {}) })}
            options={SCOPES.map((v) => ({ value: v, label: t(`tips.scopes.${v}`) }))}
            data-testid="tip-scope"
          />
          <Select<TipStatus>
            allowClear
            value={status}
            onChange={(v) => setFilter({ status: v })}
            placeholder={t('tips.filters.status')}
            style={selectStyle}
            options={TIP_STATUSES.map((s) => ({ value: s, label: t(`tips.statuses.${s}`) }))}
            data-testid="tip-filter-status"
          />
          <Select<TipCategory>
            allowClear
            value={category}
            onChange={(v) => setFilter({ category: v })}
            placeholder={t('tips.filters.category')}
            style={selectStyle}
            options={TIP_CATEGORIES.map((c) => ({ value: c, label: t(`tips.categories.${c}`) }))}
            data-testid="tip-filter-category"
          />
          <Select<RewardStatus>
            allowClear
            value={reward}
            onChange={(v) => setFilter({ reward: v })}
            placeholder={t('tips.filters.reward')}
            style={selectStyle}
            options={REWARD_STATUSES.map((r) => ({ value: r, label: t(`tips.rewardStatuses.${r}`) }))}
            data-testid="tip-filter-reward"
          />
          <Checkbox checked={overdue} onChange={(e) => setFilter({ overdue: e.target.checked ? 'true' : undefined })} data-testid="tip-filter-overdue">
            {t('tips.filters.overdue')}
          </Checkbox>
          <Checkbox checked={grouped} onChange={(e) => setFilter({ grouped: e.target.checked ? 'true' : undefined })} data-testid="tip-filter-grouped">
            {t('tips.filters.grouped')}
          </Checkbox>
          <PlaceAndTotal regionId={regionId} onRegion={setRegionId} total={total} mobile={mobile} testId="tips" />
        </div>
        <PagedRecords<Tip>
          mobile={mobile}
          list={list}
          rows={rows}
          emptyText={t('tips.empty')}
          cards={(loaded) => <TipCards rows={loaded} onOpen={open} />}
          testId="tip-table"
          onOpen={open}
          columns={columns}
        />
      </Card>
    </div>
  );
}
