// One checkpoint: its details, its history (opened, edited, removed — by whom, when, why) and,
// for managers, edit and remove.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Skeleton, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Checkpoint, CheckpointEvent } from '../../../shared/checkpoints.ts';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { StatusTag } from './CheckpointList.tsx';
import { checkpointKeys, getCheckpoint } from './checkpoints.api.ts';

const EVENT_COLORS: Record<CheckpointEvent['kind'], string> = { opened: 'blue', updated: 'gray', removed: 'green' };

export function CheckpointDetailDrawer({
  id,
  onClose,
  mayManage,
  onEdit,
  onRemove,
}: {
  id: string | null;
  onClose: () => void;
  mayManage: boolean;
  onEdit: (c: Checkpoint) => void;
  onRemove: (c: Checkpoint) => void;
}) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const detail = useQuery({ queryKey: checkpointKeys.detail(id ?? ''), queryFn: () => getCheckpoint(id ?? ''), enabled: Boolean(id) });
  const c = detail.data;
  const dash = <span className="gg-muted">—</span>;

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      title={c ? c.name : t('checkpoints.detailTitle')}
      destroyOnHidden
      footer={
        c && mayManage && c.status === 'open' ? (
          <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
            <Button onClick={() => onEdit(c)} data-testid="checkpoint-edit">{t('common.edit')}</Button>
            <Button danger type="primary" onClick={() => onRemove(c)} data-testid="checkpoint-remove">{t('checkpoints.remove')}</Button>
          </Space>
        ) : null
      }
    >
      {detail.isError ? <Alert type="error" showIcon title={errorText(detail.error)} /> : null}
      {!c ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 110 } }} data-testid="checkpoint-detail">
            <Descriptions.Item label={t('common.status')}><StatusTag status={c.status} /></Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.region')}>{c.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.place')}>{c.place}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.inCharge')}>{c.inChargeName ?? dash} {c.inChargePhone ? <span className="gg-mono">{c.inChargePhone}</span> : null}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.staffOnDuty')}>{c.staffOnDuty}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.openedOn')}>{c.openedOn ?? dash}</Descriptions.Item>
            <Descriptions.Item label={t('checkpoints.coordinatesShort')}>
              {c.lng !== null && c.lat !== null ? <span className="gg-mono">{c.lng.toFixed(6)}, {c.lat.toFixed(6)}</span> : dash}
            </Descriptions.Item>
            {c.status === 'removed' ? (
              <>
                <Descriptions.Item label={t('checkpoints.removedAt')}>{c.removedAt ? formatDateTime(c.removedAt) : dash}</Descriptions.Item>
                <Descriptions.Item label={t('checkpoints.removalNote')}>{c.removalNote ?? dash}</Descriptions.Item>
                {c.overrideReason ? <Descriptions.Item label={t('checkpoints.overrideReason')}><Typography.Text type="warning">{c.overrideReason}</Typography.Text></Descriptions.Item> : null}
              </>
            ) : null}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>{t('checkpoints.history')}</Typography.Title>
          <Timeline
            data-testid="checkpoint-history"
            items={c.history.map((e) => ({
              key: e.id,
              color: EVENT_COLORS[e.kind],
              content: (
                <div>
                  <div>
                    <strong>{t(`checkpoints.event.${e.kind}`)}</strong>
                    <span className="gg-muted" style={{ marginInlineStart: 8 }}>{formatDateTime(e.at)}</span>
                  </div>
                  <div className="gg-muted" style={{ fontSize: 13 }}>{e.by ?? t('checkpoints.system')}</div>
                  {e.fields?.length ? <div style={{ fontSize: 13 }}>{t('checkpoints.changedFields', { fields: e.fields.map((f) => t(`checkpoints.field.${f}`, { defaultValue: f })).join('、') })}</div> : null}
                  {e.note ? <div style={{ fontSize: 13 }}>{e.note}</div> : null}
                  {e.overrideReason ? <div style={{ fontSize: 13 }}><Typography.Text type="warning">{t('checkpoints.overrideLine', { reason: e.overrideReason })}</Typography.Text></div> : null}
                </div>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}
