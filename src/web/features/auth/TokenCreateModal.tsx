// Create an API token; the answer carries the secret, shown here once with a copy button.
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { createToken } from './auth.api.ts';

interface Values {
  name: string;
  expiresInDays: number;
}

export function TokenCreateModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useTranslation();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();
  const create = useMutation({
    mutationFn: (values: Values) => createToken({ name: values.name.trim(), expiresInDays: values.expiresInDays }, key),
    onSuccess: (created) => {
      renew();
      setSecret(created.token);
      onCreated();
    },
    onError: (err) => setProblem(formErrors(form, err, ['name', 'expiresInDays'])),
  });
  const close = () => {
    // Forget the secret everywhere: the state and the mutation's cached answer.
    setSecret(null);
    create.reset();
    setProblem(null);
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={secret ? t('profile.tokenCreated') : t('profile.createToken')}
      onCancel={close}
      destroyOnHidden
      footer={
        secret ? (
          <Button type="primary" onClick={close}>{t('common.close')}</Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>{t('common.create')}</Button>
          </>
        )
      }
    >
      {secret ? (
        <>
          <Alert type="warning" showIcon title={t('profile.tokenOnce')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph
            copyable={{ text: secret, tooltips: [t('common.copy'), t('common.copied')] }}
            className="gg-mono"
            style={{ wordBreak: 'break-all', background: '#f5f7fa', padding: 12, borderRadius: 6 }}
            data-testid="token-secret"
          >
            {secret}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
          <Form<Values> form={form} layout="vertical" initialValues={{ expiresInDays: 90 }} onFinish={(v) => create.mutate(v)}>
            <Form.Item name="name" label={t('profile.tokenName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 60, message: t('validation.maxLength', { max: 60 }) }]}>
              <Input maxLength={60} placeholder={t('profile.tokenNamePlaceholder')} />
            </Form.Item>
            <Form.Item name="expiresInDays" label={t('profile.expiresInDays')} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={1} max={366} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
