// 个人信息查阅复制: the ID number, the purpose (required, audited) and the format; the file goes
// to the browser. The ID number stays in the form, never in the URL.
import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ACCESS_FORMATS } from '../../../shared/person-access.ts';
import { validateIdNumber } from '../../../shared/id-number.ts';
import { PURPOSE_LIMITS } from '../../../shared/reveal-limits.ts';
import { useFormErrors } from '../../lib/errors.ts';
import { produceAccessFile } from './person-access.api.ts';

interface Values {
  idNumber: string;
  purpose: string;
  format: (typeof ACCESS_FORMATS)[number];
}

export function AccessRequestModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(values: Values) {
    setBusy(true);
    setProblem(null);
    try {
      await produceAccessFile({ idNumber: values.idNumber.trim(), purpose: values.purpose.trim(), format: values.format });
      message.success(t('personAccess.done'));
      form.resetFields();
      onClose();
    } catch (err) {
      // A refused field (e.g. an ID number the server cannot find by) shows under that field.
      setProblem(formErrors(form, err, ['idNumber', 'purpose', 'format']));
    } finally {
      setBusy(false);
    }
  }

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const checkIdNumber = (value: string | undefined) => {
    if (!value?.trim()) return Promise.resolve();
    const check = validateIdNumber(value);
    return check.ok ? Promise.resolve() : Promise.reject(new Error(t(`field.idNumberErrors.${check.code}`)));
  };
  return (
    <Modal open={open} title={t('personAccess.title')} onCancel={onClose} onOk={() => form.submit()} okText={t('personAccess.produce')} confirmLoading={busy} destroyOnHidden data-testid="access-request-modal">
      <Typography.Paragraph type="secondary">{t('personAccess.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={{ format: 'xlsx' }} onFinish={submit}>
        {/* Checked here first, with the same words as the registration forms: a typo is named, not "无法处理该请求". */}
        <Form.Item name="idNumber" label={t('personAccess.idNumber')} rules={[required, { validator: (_r, v: string | undefined) => checkIdNumber(v) }]} validateTrigger="onBlur">
          <Input className="gg-mono" maxLength={18} autoComplete="off" data-testid="access-id-number" />
        </Form.Item>
        <Form.Item name="purpose" label={t('personAccess.purpose')} rules={[required, { min: PURPOSE_LIMITS.min, message: t('validation.required') }]}>
          <Input maxLength={PURPOSE_LIMITS.max} placeholder={t('personAccess.purposePlaceholder')} data-testid="access-purpose" />
        </Form.Item>
        <Form.Item name="format" label={t('personAccess.format')}>
          <Radio.Group options={ACCESS_FORMATS.map((f) => ({ value: f, label: t(`personAccess.formats.${f}`) }))} data-testid="access-format" />
        </Form.Item>
      </Form>
      {problem ? <Typography.Text type="danger" data-testid="access-problem">{problem}</Typography.Text> : null}
    </Modal>
  );
}
