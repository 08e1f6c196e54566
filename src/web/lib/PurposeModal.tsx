// 说明用途: the one way the web app asks for full ID and phone numbers. The server shows them
// only with a purpose, which goes into the audit entry of the read (src/shared/reveal.ts); the
// answer is shown, never stored. With `result` the modal shows the answer itself; without, it
// hands the answer to `onRevealed` (the page shows it in place) and closes.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PURPOSE_LIMITS } from '../../shared/reveal.ts';
import { useErrorText } from './errors.ts';

interface Props<T> {
  open: boolean;
  title: string;
  onClose: () => void;
  reveal: (purpose: string) => Promise<T>;
  result?: (answer: T) => ReactNode;
  onRevealed?: (answer: T) => void;
}

export function PurposeModal<T>({ open, title, onClose, reveal, result, onRevealed }: Props<T>) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ purpose: string }>();
  const mutation = useMutation({
    mutationFn: reveal,
    onSuccess: (answer) => {
      if (result) return;
      onRevealed?.(answer);
      onClose();
    },
  });
  const { reset } = mutation;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    reset();
  }, [open, form, reset]);

  const shown = result && mutation.isSuccess ? result(mutation.data) : null;
  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={title}
      destroyOnHidden
      footer={
        shown ? (
          <Button onClick={onClose}>{t('common.close')}</Button>
        ) : (
          [
            <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
            <Button key="ok" type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="reveal-submit">{t('reveal.submit')}</Button>,
          ]
        )
      }
    >
      {shown ?? (
        <>
          <Alert type="warning" showIcon title={t('reveal.warn')} style={{ marginBottom: 16 }} />
          {mutation.isError ? <Alert type="error" showIcon title={errorText(mutation.error)} style={{ marginBottom: 16 }} /> : null}
          <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v.purpose.trim())}>
            <Form.Item
              name="purpose"
              label={t('reveal.purpose')}
              rules={[
                { required: true, whitespace: true, message: t('validation.required') },
                { min: PURPOSE_LIMITS.min, message: t('reveal.purposeMin', { min: PURPOSE_LIMITS.min }) },
                { max: PURPOSE_LIMITS.max, message: t('validation.maxLength', { max: PURPOSE_LIMITS.max }) },
              ]}
            >
              <Input maxLength={PURPOSE_LIMITS.max} placeholder={t('reveal.purposePlaceholder')} data-testid="reveal-purpose" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
