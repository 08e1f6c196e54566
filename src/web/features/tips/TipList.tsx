// Tips as table columns (desk) or cards (phone): category, what was reported, region, when filed,
// status, overdue, duplicates, photos, reward. Every text is rendered by React, so hostile text
// shows as the characters it is.
import { CameraOutlined } from '@ant-design/icons';
import { Card, Space, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Tip } from '../../../shared/tips.ts';
import { formatDateTime } from '../../lib/format.ts';
import { NumberLine, RecordNumber, Wrapped } from '../../lib/RecordNumber.tsx';
import { CategoryTag, GroupBadge, OverdueTag, RewardTag, TipStatusTag } from './TipTags.tsx';

function PhotoCount({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <span className="gg-muted" title={t('tips.photoCount', { count })} data-testid="tip-photo-count" style={{ whiteSpace: 'nowrap' }}>
      <CameraOutlined /> {count}
    </span>
  );
}

export function useTipColumns(): TableColumnsType<Tip> {
  const { t } = useTranslation();
  return [
    { title: t('common.number'), dataIndex: 'number', render: (v: string) => <RecordNumber value={v} testId="tip-number" /> },
    { title: t('tips.category'), dataIndex: 'category', render: (_: unknown, tip) => <CategoryTag category={tip.category} /> },
    {
      title: t('tips.description'),
      dataIndex: 'description',
      render: (_: unknown, tip) => (
        <a className="gg-ellipsis" style={{ display: 'block', maxWidth: 260 }} title={tip.description}>
          {tip.description}
        </a>
      ),
    },
    // A narrower description, the place and the day above the time wrapping: the table fits 1366 px.
    { title: t('tips.region'), dataIndex: 'regionName', render: (v: string) => <Wrapped maxWidth={140} testId="tip-place">{v}</Wrapped> },
    { title: t('tips.filedAt'), dataIndex: 'filedAt', render: (v: string) => <Wrapped maxWidth={96}>{formatDateTime(v)}</Wrapped> },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (_: unknown, tip) => (
        <Space size={4}>
          <TipStatusTag status={tip.status} />
          <OverdueTag overdue={tip.overdue} />
        </Space>
      ),
    },
    {
      title: t('tips.marks'),
      key: 'marks',
      render: (_: unknown, tip) => (
        <Space size={6}>
          <GroupBadge size={tip.groupSize} />
          <PhotoCount count={tip.photoCount} />
          <RewardTag reward={tip.reward} />
        </Space>
      ),
    },
  ];
}

export function TipCards({ rows, onOpen }: { rows: Tip[]; onOpen: (tip: Tip) => void }) {
  return (
    <div className="gg-card-list" data-testid="tip-cards">
      {rows.map((tip) => (
        <Card key={tip.id} size="small" onClick={() => onOpen(tip)} hoverable style={tip.overdue ? { borderColor: '#ff7875' } : undefined} data-testid="tip-card">
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <CategoryTag category={tip.category} />
            <Space size={4} style={{ flex: 'none' }}>
              <OverdueTag overdue={tip.overdue} />
              <TipStatusTag status={tip.status} />
            </Space>
          </div>
          <div className="gg-ellipsis" style={{ marginTop: 6 }} title={tip.description}>{tip.description}</div>
          <NumberLine number={tip.number} numberTestId="tip-number" place={tip.regionName} placeTestId="tip-place" rest={[formatDateTime(tip.filedAt)]} />
          {tip.groupSize > 1 || tip.photoCount > 0 || tip.reward ? (
            <Space size={6} wrap style={{ marginTop: 6 }}>
              <GroupBadge size={tip.groupSize} />
              <PhotoCount count={tip.photoCount} />
              <RewardTag reward={tip.reward} />
            </Space>
          ) : null}
        </Card>
      ))}
    </div>
  );
}
