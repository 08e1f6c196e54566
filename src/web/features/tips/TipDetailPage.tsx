// One tip: what was reported (description and place as plain text: hostile text shows as written),
// the photos (tap to enlarge), the reporter (匿名 or a masked phone), the outcome and the reward,
// the other tips of its group, the steps taken with who took them (staff only), and the steps the
// user may take now. Reading it is audited by the server, so it is read once and again only after
// a change (no live refresh).
import { RecordNumber } from '../../lib/RecordNumber.tsx';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Image, List, Space, Spin, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TipDetail, TipHistoryItem, TipStatus } from '../../../shared/tips.ts';
import { useMe } from '../../app/auth.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { TipActionPanel } from './TipActionPanel.tsx';
import { getTip, photoUrl, tipKeys } from './tips.api.ts';
import { useTipErrorText } from './tips.errors.ts';
import { CategoryTag, GroupBadge, OverdueTag, RewardTag, STATUS_COLORS, TipStatusTag, formatYuan } from './TipTags.tsx';

const pre = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' } as const;

function Reported({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const dash = <span className="gg-muted">—</span>;
  return (
    <>
      <div style={pre} data-testid="tip-description">{tip.description}</div>
      <Descriptions column={mobile ? 1 : 2} size="small" style={{ marginTop: 16 }} data-testid="tip-info">
        <Descriptions.Item label={t('tips.place')}>
          <span style={pre} data-testid="tip-place">{tip.place ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('tips.region')}>{tip.regionName}</Descriptions.Item>
        <Descriptions.Item label={t('tips.filedAt')}>{formatDateTime(tip.filedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('tips.reporter')}>
          <span data-testid="tip-reporter">{tip.anonymous || !tip.phone ? t('tips.anonymous') : <span className="gg-mono">{tip.phone}</span>}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('tips.acceptDue')}>{formatDateTime(tip.acceptDueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('tips.handleDue')}>{formatDateTime(tip.handleDueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('tips.id')}>
          <RecordNumber value={tip.number} copyable testId="tip-number" />
        </Descriptions.Item>
        <Descriptions.Item label={t('tips.updatedAt')}>{tip.updatedAt ? formatDateTime(tip.updatedAt) : dash}</Descriptions.Item>
      </Descriptions>
    </>
  );
}

function Photos({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  if (tip.photos.length === 0) return <span className="gg-muted">{t('tips.noPhotos')}</span>;
  return (
    <Image.PreviewGroup>
      <Space size={8} wrap data-testid="tip-photos">
        {tip.photos.map((p) => (
          <Image
            key={p.position}
            src={photoUrl(tip.id, p)}
            width={96}
            height={96}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            alt={t('tips.photoAlt', { n: p.position + 1 })}
          />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}

function Outcome({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  const dash = <span className="gg-muted">—</span>;
  const r = tip.reward;
  return (
    <Descriptions column={1} size="small" data-testid="tip-outcome">
      <Descriptions.Item label={t('tips.substantiated')}>
        {tip.substantiated === null ? dash : tip.substantiated ? t('tips.substantiatedYes') : t('tips.substantiatedNo')}
      </Descriptions.Item>
      <Descriptions.Item label={t('tips.actionTaken')}>{tip.actionTaken ? <span style={pre}>{tip.actionTaken}</span> : dash}</Descriptions.Item>
      <Descriptions.Item label={t('tips.reply')}>{tip.reply ? <span style={pre} data-testid="tip-reply-text">{tip.reply}</span> : dash}</Descriptions.Item>
      <Descriptions.Item label={t('tips.reward')}>
        {r ? (
          <div data-testid="tip-reward">
            <RewardTag reward={r} />
            <div className="gg-muted" style={{ fontSize: 12, marginTop: 4 }}>
              {t('tips.rewardProposed', { at: formatDateTime(r.proposedAt), by: r.proposedBy ?? '—' })}
              {r.decidedAt ? <div>{t(r.status === 'rejected' ? 'tips.rewardRejected' : 'tips.rewardApproved', { at: formatDateTime(r.decidedAt), by: r.decidedBy ?? '—' })}</div> : null}
              {r.decisionNote ? <div style={pre}>{r.decisionNote}</div> : null}
              {r.paidAt ? <div>{t('tips.rewardPaid', { at: formatDateTime(r.paidAt), by: r.paidBy ?? '—', reference: r.payReference ?? '—' })}</div> : null}
            </div>
          </div>
        ) : (
          dash
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

function Group({ tip }: { tip: TipDetail }) {
  const { t } = useTranslation();
  return (
    <List
      size="small"
      dataSource={tip.group}
      data-testid="tip-group"
      renderItem={(g) => (
        <List.Item style={{ paddingInline: 0 }}>
          <div style={{ width: '100%', minWidth: 0 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <Link to={`/tips/${encodeURIComponent(g.id)}`} className="gg-ellipsis" title={g.description}>{g.description}</Link>
              <span style={{ flex: 'none' }}><TipStatusTag status={g.status} /></span>
            </div>
            <div className="gg-muted" style={{ fontSize: 12 }}>
              <span className="gg-mono">{g.number}</span> · {g.regionName} · {formatDateTime(g.filedAt)}
              {g.id === tip.groupId ? ` · ${t('tips.groupLead')}` : ''}
            </div>
          </div>
        </List.Item>
      )}
    />
  );
}

const HISTORY_COLORS: Partial<Record<TipHistoryItem['action'], string>> = { filed: 'gray', supervise: 'red', reject_reward: 'red', pay_reward: 'green', evaluate: 'green' };

function History({ items }: { items: TipHistoryItem[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="tip-history"
      items={items.map((h) => ({
        key: h.id,
        color: HISTORY_COLORS[h.action] ?? STATUS_COLORS[h.status as TipStatus] ?? 'blue',
        content: (
          <div>
            <div>
              <strong>{t(`tips.history.${h.action}`)}</strong>
              <span className="gg-muted" style={{ marginInlineStart: 8, fontSize: 12 }}>{formatDateTime(h.at)}</span>
            </div>
            <div className="gg-muted" style={{ fontSize: 13 }}>{h.by ?? (h.action === 'filed' ? t('tips.public') : t('tips.system'))}</div>
            {h.note ? <div style={{ fontSize: 13, ...pre }}>{h.note}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

export function TipDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useTipErrorText();
  const detail = useQuery({ queryKey: tipKeys.detail(id), queryFn: () => getTip(id), staleTime: Infinity });

  if (detail.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (detail.isError) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={errorText(detail.error)} action={<Link to="/tips">{t('tips.back')}</Link>} />
      </div>
    );
  }
  const tip = detail.data;
  const cardBody = { body: { padding: mobile ? 12 : 24 } };
  const actor = { role: me.user.role, level: me.region.level };
  const panel = (
    <Card title={t('tips.panel.title')} styles={cardBody}>
      <TipActionPanel tip={tip} actor={actor} mobile={mobile} />
    </Card>
  );

  return (
    <div className="gg-page" data-testid="tip-detail">
      <div className="gg-page-title">
        <Space size={8} wrap style={{ minWidth: 0 }}>
          <Link to="/tips" aria-label={t('tips.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2} ellipsis style={{ minWidth: 0, margin: 0 }}>{t(`tips.categories.${tip.category}`)}</Typography.Title>
          <RecordNumber value={tip.number} testId="tip-title-number" />
          <TipStatusTag status={tip.status} />
          <OverdueTag overdue={tip.overdue} />
          <GroupBadge size={tip.groupSize} />
        </Space>
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? '1fr' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card title={<Space size={8}><span>{t('tips.reported')}</span><CategoryTag category={tip.category} /></Space>} styles={cardBody}>
            <Reported tip={tip} />
          </Card>
          <Card title={`${t('tips.photos')}（${tip.photos.length}）`} styles={cardBody}>
            <Photos tip={tip} />
          </Card>
          {mobile ? panel : null}
          <Card title={t('tips.outcome')} styles={cardBody} extra={tip.reward ? <span className="gg-muted">{formatYuan(tip.reward.amount)}</span> : null}>
            <Outcome tip={tip} />
          </Card>
          {tip.group.length > 0 ? (
            <Card title={t('tips.groupTitle', { count: tip.groupSize })} styles={cardBody}>
              <Group tip={tip} />
            </Card>
          ) : null}
        </Space>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {mobile ? null : panel}
          <Card title={t('tips.historyTitle')} styles={cardBody}>
            {tip.history.length ? <History items={tip.history} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Space>
      </div>
    </div>
  );
}
