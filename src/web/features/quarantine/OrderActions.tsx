// What can be done to an order in force: extend it (a later last day and why), record a breach
// (what happened: it raises an alert), release it (a note; early release asks twice). Each is a
// small modal whose OK button is the confirmation.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Quarantine } from '../../../shared/quarantine.ts';
import { addDays } from '../../lib/countyTime.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { extendOrder, quarantineKeys, recordBreach, releaseOrder } from './quarantine.api.ts';
import { useQuarantineFormErrors } from './quarantine.errors.ts';

type Action = 'extend' | 'breach' | 'release';

interface ActionValues {
  endOn?: Dayjs;
  reason?: string;
  note?: string;
}

function ActionModal({ action, order, today, onClose }: { action: Action | null; order: Quarantine; today: string; onClose: () => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const formErrors = useQuarantineFormErrors();
  const { key, renew } = useIdempotencyKey();
  const [form] = Form.useForm<ActionValues>();
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!action) return;
    setProblem(null);
    form.resetFields();
    if (action === 'extend') form.setFieldsValue({ endOn: dayjs(addDays(order.endOn, 7)) });
  }, [action, form, order.endOn]);

  const save = useMutation({
    mutationFn: async (v: ActionValues): Promise<string> => {
      if (action === 'extend') {
        const done = await extendOrder(order.id, { endOn: v.endOn?.format('YYYY-MM-DD') ?? '', reason: (v.reason ?? '').trim() }, key);
        return t('quarantine.extended', { date: done.endOn });
      }
      if (action === 'breach') {
        await recordBreach(order.id, { note: (v.note ?? '').trim() }, key);
        return t('quarantine.breachRecorded');
      }
      await releaseOrder(order.id, { note: (v.note ?? '').trim() }, key);
      return t('quarantine.releasedDone');
    },
    onSuccess: (text) => {
      renew();
      void message.success(text);
      void queryClient.invalidateQueries({ queryKey: quarantineKeys.all });
      onClose();
    },
    onError: (err) => setProblem(formErrors(form, err, ['endOn', 'reason', 'note'])),
  });

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const titles = { extend: t('quarantine.extendTitle'), breach: t('quarantine.breachTitle'), release: t('quarantine.releaseTitle') };
  const oks = { extend: t('quarantine.extendOk'), breach: t('quarantine.breachOk'), release: t('quarantine.releaseOk') };
  const early = action === 'release' && order.endOn > today;
  return (
    <Modal
      open={action !== null}
      onCancel={onClose}
      title={action ? titles[action] : ''}
      okText={action ? oks[action] : ''}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: action !== 'extend', loading: save.isPending, 'data-testid': 'quarantine-action-ok' }}
      onOk={() => form.submit()}
      width={mobile ? 'calc(100vw - 24px)' : 480}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} /> : null}
      {action === 'release' ? <Alert type={early ? 'warning' : 'info'} showIcon title={early ? t('quarantine.releaseEarly', { date: order.endOn }) : t('quarantine.releaseConfirm', { name: order.personName })} style={{ marginBottom: 12 }} /> : null}
      <Form<ActionValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {action === 'extend' ? (
          <>
            <Form.Item name="endOn" label={t('quarantine.newEndOn')} rules={[{ required: true, message: t('validation.required') }]} extra={`${t('quarantine.endOn')}：${order.endOn}`}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} allowClear={false} disabledDate={(d) => !d.isAfter(dayjs(order.endOn), 'day')} data-testid="quarantine-extend-end" />
            </Form.Item>
            <Form.Item name="reason" label={t('quarantine.extendReason')} rules={[required]}>
              <Input.TextArea rows={2} maxLength={200} placeholder={t('quarantine.extendReasonPlaceholder')} data-testid="quarantine-extend-reason" />
            </Form.Item>
          </>
        ) : null}
        {action === 'breach' || action === 'release' ? (
          <Form.Item name="note" label={action === 'breach' ? t('quarantine.breachNote') : t('quarantine.releaseNote')} rules={[required]}>
            <Input.TextArea rows={3} maxLength={500} placeholder={action === 'breach' ? t('quarantine.breachNotePlaceholder') : t('quarantine.releaseNotePlaceholder')} data-testid="quarantine-action-note" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export function OrderActions({ order, today, block }: { order: Quarantine; today: string; block?: boolean }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<Action | null>(null);
  return (
    <>
      <Space wrap style={block ? { width: '100%' } : undefined}>
        <Button onClick={() => setAction('extend')} data-testid="quarantine-extend">{t('quarantine.actions.extend')}</Button>
        <Button danger onClick={() => setAction('breach')} data-testid="quarantine-breach">{t('quarantine.actions.breach')}</Button>
        <Button type="primary" danger onClick={() => setAction('release')} data-testid="quarantine-release">{t('quarantine.actions.release')}</Button>
      </Space>
      <ActionModal action={action} order={order} today={today} onClose={() => setAction(null)} />
    </>
  );
}
