// 撤除: first the coverage check. All green → confirm with a note; something missing → the
// grids without staff and the villages without a patrol team are listed, and going ahead needs
// an override reason, which the history keeps.
import { CheckCircleFilled, WarningFilled } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, List, Modal, Spin, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checkpoint } from '../../../shared/checkpoints.ts';
import { isApiError } from '../../lib/api.ts';
import { useErrorText } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { checkpointKeys, getCoverage, removeCheckpoint } from './checkpoints.api.ts';

interface Values {
  note: string;
  overrideReason?: string;
}

export function RemovalModal({ checkpoint, onClose, onRemoved }: { checkpoint: Checkpoint | null; onClose: () => void; onRemoved?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const id = checkpoint?.id ?? '';
  const coverage = useQuery({ queryKey: checkpointKeys.coverage(id), queryFn: () => getCoverage(id), enabled: Boolean(checkpoint), staleTime: 0 });

  useEffect(() => {
    if (!checkpoint) return;
    setProblem(null);
    form.resetFields();
  }, [checkpoint, form]);

  const remove = useMutation({
    mutationFn: (v: Values) => removeCheckpoint(id, { note: v.note.trim(), ...(v.overrideReason?.trim() ? { overrideReason: v.overrideReason.trim() } : {}) }, key),
    onSuccess: () => {
      renew();
      void message.success(t('checkpoints.removedDone'));
      void queryClient.invalidateQueries({ queryKey: checkpointKeys.all });
      onRemoved?.();
      onClose();
    },
    onError: (err) => {
      // Coverage changed since the check (a team switched off): show the fresh check.
      if (isApiError(err) && err.code === 'COVERAGE_MISSING') void coverage.refetch();
      setProblem(errorText(err));
    },
  });

  const c = coverage.data;
  const missing = c && !c.ok;
  return (
    <Modal
      open={Boolean(checkpoint)}
      onCancel={onClose}
      title={t('checkpoints.removeTitle', { name: checkpoint?.name ?? '' })}
      okText={missing ? t('checkpoints.removeAnyway') : t('checkpoints.removeConfirm')}
      okButtonProps={{ danger: true, disabled: !c, loading: remove.isPending, ...({ 'data-testid': 'checkpoint-remove-confirm' } as Record<string, string>) }}
      onOk={() => form.submit()}
      destroyOnHidden
      width={560}
    >
      {coverage.isError && !c ? (
        <Alert type="error" showIcon title={errorText(coverage.error)} style={{ marginBottom: 16 }} />
      ) : !c ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : c.ok ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          title={t('checkpoints.coverageOk', { village: c.village.name })}
          description={c.patrolTeams.length ? t('checkpoints.teamsInPlace', { teams: c.patrolTeams.map((p) => p.name).join('、') }) : undefined}
          style={{ marginBottom: 16 }}
          data-testid="coverage-ok"
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          icon={<WarningFilled />}
          title={t('checkpoints.coverageMissing', { village: c.village.name })}
          style={{ marginBottom: 16 }}
          data-testid="coverage-missing"
          description={
            <List
              size="small"
              split={false}
              dataSource={[
                ...c.gridsWithoutStaff.map((g) => ({ key: `g${g.regionId}`, text: t('checkpoints.gridWithoutStaff', { name: g.name }), tag: t('checkpoints.missingStaff') })),
                ...c.villagesWithoutPatrol.map((v) => ({ key: `v${v.regionId}`, text: t('checkpoints.villageWithoutPatrol', { name: v.name }), tag: t('checkpoints.missingPatrol') })),
              ]}
              renderItem={(item) => (
                <List.Item key={item.key} style={{ padding: '2px 0' }}>
                  <span style={{ display: 'flex', gap: 8, alignItems: 'center', minWidth: 0 }}>
                    <Tag color="red" style={{ marginInlineEnd: 0, flex: 'none' }}>{item.tag}</Tag>
                    <span className="gg-ellipsis">{item.text}</span>
                  </span>
                </List.Item>
              )}
            />
          }
        />
      )}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => remove.mutate(v)}>
        <Form.Item name="note" label={t('checkpoints.removalNote')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={2} maxLength={500} placeholder={t('checkpoints.removalNotePlaceholder')} data-testid="removal-note" />
        </Form.Item>
        {missing ? (
          <Form.Item
            name="overrideReason"
            label={t('checkpoints.overrideReason')}
            extra={t('checkpoints.overrideHint')}
            rules={[{ required: true, whitespace: true, message: t('checkpoints.overrideRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="removal-override" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
