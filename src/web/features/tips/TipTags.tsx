// The small marks every tips page uses: status of the loop, category, overdue, the duplicate
// group's size, the reward, and yuan amounts.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RewardStatus, TipCategory, TipStatus } from '../../../shared/tips.ts';

export const STATUS_COLORS: Record<TipStatus, string> = {
  received: 'orange',
  assessed: 'gold',
  routed: 'cyan',
  handled: 'blue',
  supervised: 'magenta',
  answered: 'geekblue',
  evaluated: 'green',
};
export const CATEGORY_COLORS: Record<TipCategory, string> = {
  gathering: 'volcano',
  no_mask: 'orange',
  unregistered_arrival: 'purple',
  quarantine_breach: 'red',
  banquet: 'gold',
  other: 'default',
};
export const REWARD_COLORS: Record<RewardStatus, string> = { proposed: 'gold', approved: 'blue', rejected: 'default', paid: 'green' };

const tag = { marginInlineEnd: 0 } as const;

export function TipStatusTag({ status }: { status: TipStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} style={tag} data-testid="tip-status">{t(`tips.statuses.${status}`)}</Tag>;
}

export function CategoryTag({ category }: { category: TipCategory }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLORS[category]} style={tag}>{t(`tips.categories.${category}`)}</Tag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? <Tag color="red" variant="solid" style={tag} data-testid="tip-overdue">{t('tips.overdue')}</Tag> : null;
}

/** “3 条相同” on every tip of a group of duplicates. */
export function GroupBadge({ size }: { size: number }) {
  const { t } = useTranslation();
  return size > 1 ? <Tag color="purple" variant="outlined" style={tag} data-testid="tip-group-badge">{t('tips.groupSize', { count: size })}</Tag> : null;
}

export function formatYuan(amount: number): string {
  return `¥${amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function RewardTag({ reward }: { reward: { status: RewardStatus; amount: number } | null }) {
  const { t } = useTranslation();
  if (!reward) return null;
  return (
    <Tag color={REWARD_COLORS[reward.status]} style={tag} data-testid="tip-reward-tag">
      {t(`tips.rewardStatuses.${reward.status}`)} {formatYuan(reward.amount)}
    </Tag>
  );
}
