// 查看完整号码: asks why (the purpose is audited), then shows the full numbers in this modal only.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Modal } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../shared/households.ts';
import { useErrorText } from '../../lib/errors.ts';
import { revealPerson } from './households.api.ts';

export function RevealModal({ person, onClose }: { person: Person | null; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ purpose: string }>();
  const reveal = useMutation({ mutationFn: (v: { id: string; purpose: string }) => revealPerson(v.id, v.purpose) });
  const { reset } = reveal;

  useEffect(() => {
    form.resetFields();
    reset();
  }, [person, form, reset]);

  const full = reveal.data;
  return (
    <Modal
      open={person !== null}
      onCancel={onClose}
      title={t('persons.revealTitle', { name: person?.name ?? '' })}
      destroyOnHidden
      footer={
        full ? (
          <Button onClick={onClose}>{t('common.close')}</Button>
        ) : (
          [
            <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
            <Button key="ok" type="primary" loading={reveal.isPending} onClick={() => form.submit()} data-testid="reveal-submit">{t('persons.reveal')}</Button>,
          ]
        )
      }
    >
      {full ? (
        <Descriptions column={1} size="small" bordered data-testid="reveal-result">
          <Descriptions.Item label={t('persons.idNumber')}><span className="gg-mono">{full.idNumber ?? '—'}</span></Descriptions.Item>
          <Descriptions.Item label={t('persons.phone')}><span className="gg-mono">{full.phone ?? '—'}</span></Descriptions.Item>
        </Descriptions>
      ) : (
        <>
          <Alert type="warning" showIcon title={t('persons.revealWarn')} style={{ marginBottom: 16 }} />
          {reveal.isError ? <Alert type="error" showIcon title={errorText(reveal.error)} style={{ marginBottom: 16 }} /> : null}
          <Form form={form} layout="vertical" onFinish={(v) => person && reveal.mutate({ id: person.id, purpose: v.purpose.trim() })}>
            <Form.Item
              name="purpose"
              label={t('persons.purpose')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }, { min: 2, message: t('persons.purposeMin') }, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}
            >
              <Input maxLength={200} placeholder={t('persons.purposePlaceholder')} data-testid="reveal-purpose" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
