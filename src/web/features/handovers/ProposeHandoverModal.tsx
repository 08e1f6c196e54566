// 移交: propose handing a person over to another grid of this installation, with a reason. The
// person stays with this grid until the receiver accepts.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/households.ts';
import { HANDOVER_LIMITS } from '../../../shared/handovers.ts';
import { useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { GridCascader } from './GridCascader.tsx';
import { handoverKeys, proposeHandover } from './handovers.api.ts';

interface Values {
  toRegionId?: number;
  reason: string;
}

/** `onElsewhere`: the person goes where GridGuard does not run — record a departure instead. */
export function ProposeHandoverModal({ person, onClose, onElsewhere }: { person: Person | null; onClose: () => void; onElsewhere?: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const formErrors = useFormErrors();
  const { key, renew } = useIdempotencyKey();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: Values) => proposeHandover(person?.id ?? '', { toRegionId: v.toRegionId ?? 0, reason: v.reason.trim() }, key),
    onSuccess: (h) => {
      void message.success(t('handovers.proposed', { number: h.number }));
      void queryClient.invalidateQueries({ queryKey: handoverKeys.all });
      renew();
      form.resetFields();
      onClose();
    },
    onError: (err) => formErrors(form, err, ['toRegionId', 'reason']),
  });
  return (
    <Modal
      open={person !== null}
      title={t('handovers.proposeTitle', { name: person?.name ?? '' })}
      okText={t('handovers.propose')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'handover-propose-submit' } as Record<`data-${string}`, string>}
      data-testid="handover-propose"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('handovers.proposeHelp')}
        description={onElsewhere ? (
          <span>
            {t('departures.handoverInstead')}{' '}
            <Button type="link" size="small" style={{ padding: 0 }} onClick={onElsewhere} data-testid="handover-elsewhere">{t('departures.handoverInsteadLink')}</Button>
          </span>
        ) : undefined}
      />
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="toRegionId" label={t('handovers.toRegion')} rules={[{ required: true, message: t('validation.required') }]}>
          <GridCascader data-testid="handover-to" />
        </Form.Item>
        <Form.Item name="reason" label={t('handovers.reason')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input.TextArea rows={3} maxLength={HANDOVER_LIMITS.reason} showCount data-testid="handover-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
