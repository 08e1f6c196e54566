// What the user may do to this tip now, in three groups: the loop (分析研判, 流转, 处置, 督办, 反馈,
// 评价), the reward (propose, approve or reject, pay) and duplicates (group, ungroup). Only the
// steps valid for the tip's state and the user's role are offered.
import { Button, Divider, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tip, TipActionKind } from '../../../shared/tips.ts';
import { type Actor, groupActions, loopActions, rewardActions } from './tipFlow.ts';
import { TipActionModal } from './TipActionModal.tsx';

const DANGER: readonly TipActionKind[] = ['reject_reward', 'ungroup'];

function Buttons({ kinds, onPick, block, primaryFirst }: { kinds: TipActionKind[]; onPick: (k: TipActionKind) => void; block: boolean; primaryFirst: boolean }) {
  const { t } = useTranslation();
  return (
    <Space wrap style={block ? { width: '100%' } : undefined}>
      {kinds.map((k, i) => (
        <Button key={k} type={primaryFirst && i === 0 ? 'primary' : 'default'} danger={DANGER.includes(k)} onClick={() => onPick(k)} data-testid={`tip-action-${k}`}>
          {t(`tips.actions.${k}`)}
        </Button>
      ))}
    </Space>
  );
}

export function TipActionPanel({ tip, actor, mobile }: { tip: Tip; actor: Actor; mobile: boolean }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<TipActionKind | null>(null);
  const loop = loopActions(tip, actor);
  const reward = rewardActions(tip, actor);
  const group = groupActions(tip, actor);
  const sections = [
    { key: 'loop', title: t('tips.panel.loop'), kinds: loop, primaryFirst: true },
    { key: 'reward', title: t('tips.panel.reward'), kinds: reward, primaryFirst: true },
    { key: 'group', title: t('tips.panel.group'), kinds: group, primaryFirst: false },
  ].filter((s) => s.kinds.length > 0);
  return (
    <div data-testid="tip-action-panel">
      {sections.length === 0 ? <Typography.Text type="secondary">{t('tips.panel.nothing')}</Typography.Text> : null}
      {sections.map((s, i) => (
        <div key={s.key}>
          {i > 0 ? <Divider style={{ margin: '12px 0' }} /> : null}
          <div className="gg-muted" style={{ fontSize: 12, marginBottom: 6 }}>{s.title}</div>
          <Buttons kinds={s.kinds} onPick={setAction} block={mobile} primaryFirst={s.primaryFirst} />
        </div>
      ))}
      <TipActionModal tip={tip} action={action} onClose={() => setAction(null)} />
    </div>
  );
}
