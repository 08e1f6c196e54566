// Checkpoints as a table (desk) or cards (phone): name, place, region, in charge, status.
import { EnvironmentOutlined } from '@ant-design/icons';
import { Avatar, Card, Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Checkpoint } from '../../../shared/checkpoints.ts';
import { formatDateTime } from '../../lib/format.ts';
import { RecordTable } from '../../lib/RecordTable.tsx';

interface Props {
  rows: Checkpoint[];
  loading: boolean;
  onOpen: (c: Checkpoint) => void;
}

export function StatusTag({ status }: { status: Checkpoint['status'] }) {
  const { t } = useTranslation();
  return status === 'removed' ? (
    <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('checkpoints.statusRemoved')}</Tag>
  ) : (
    <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('checkpoints.statusOpen')}</Tag>
  );
}

export function CheckpointTable({ rows, loading, onOpen }: Props) {
  const { t } = useTranslation();
  return (
    <RecordTable<Checkpoint>
      rows={rows}
      loading={loading}
      emptyText={t('checkpoints.empty')}
      testId="checkpoint-table"
      onOpen={onOpen}
      columns={[
        { title: t('checkpoints.name'), dataIndex: 'name', render: (v: string) => <a>{v}</a> },
        { title: t('checkpoints.place'), dataIndex: 'place' },
        { title: t('checkpoints.region'), dataIndex: 'regionName' },
        { title: t('checkpoints.inCharge'), dataIndex: 'inChargeName', render: (v: string | null, c) => (v ? `${v}${c.inChargePhone ? ` ${c.inChargePhone}` : ''}` : <span className="gg-muted">—</span>) },
        { title: t('checkpoints.staffOnDuty'), dataIndex: 'staffOnDuty', align: 'right' },
        { title: t('checkpoints.openedOn'), dataIndex: 'openedOn', render: (v: string | null) => v ?? <span className="gg-muted">—</span> },
        { title: t('common.status'), dataIndex: 'status', render: (v: Checkpoint['status']) => <StatusTag status={v} /> },
        { title: t('checkpoints.removedAt'), dataIndex: 'removedAt', render: (v: string | null) => (v ? formatDateTime(v) : <span className="gg-muted">—</span>) },
      ]}
    />
  );
}

export function CheckpointCards({ rows, loading, onOpen }: Props) {
  const { t } = useTranslation();
  if (loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('checkpoints.empty')} />;
  return (
    <div className="gg-card-list" data-testid="checkpoint-cards">
      {rows.map((c) => (
        <Card key={c.id} size="small" onClick={() => onOpen(c)} hoverable>
          <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
            <Avatar style={{ background: c.status === 'removed' ? '#389e0d' : '#fa8c16', flex: 'none' }} icon={<EnvironmentOutlined />} />
            <div style={{ minWidth: 0, flex: 1 }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <strong className="gg-ellipsis">{c.name}</strong>
                <span style={{ flex: 'none' }}><StatusTag status={c.status} /></span>
              </div>
              <div className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{c.regionName} · {c.place}</div>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 13 }}>
                <span className="gg-ellipsis">{c.inChargeName ?? '—'}</span>
                <span style={{ flex: 'none' }}>
                  {c.status === 'removed' && c.removedAt ? formatDateTime(c.removedAt) : t('checkpoints.staffCount', { count: c.staffOnDuty })}
                </span>
              </div>
            </div>
          </div>
        </Card>
      ))}
    </div>
  );
}
