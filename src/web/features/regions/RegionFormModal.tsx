// Create a child region (level pre-set to the parent's child level) or edit a name and code.
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Region, RegionCode, type RegionLevel } from '../../../shared/regions.ts';
import { useFormErrors } from '../../lib/errors.ts';
import { zodRule } from '../../lib/forms.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { createRegion, patchRegion } from './regions.api.ts';

export type RegionFormTarget =
  | { mode: 'create'; parent: Pick<Region, 'id' | 'name' | 'code'>; level: RegionLevel }
  | { mode: 'edit'; region: Pick<Region, 'id' | 'name' | 'code' | 'level' | 'parentId'> };

interface Values {
  name: string;
  code: string;
}

interface Props {
  target: RegionFormTarget | null;
  onClose: () => void;
  onDone: (region: Region) => void;
}

export function RegionFormModal({ target, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();

  useEffect(() => {
    if (!target) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue(target.mode === 'create' ? { name: '', code: target.parent.code } : { name: target.region.name, code: target.region.code });
  }, [target, form]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      if (!target) throw new Error('no target');
      if (target.mode === 'create') {
        return createRegion({ parentId: target.parent.id, level: target.level, name: values.name.trim(), code: values.code.trim() }, key);
      }
      return patchRegion(target.region.id, { name: values.name.trim(), code: values.code.trim() }, key);
    },
    onSuccess: (region) => {
      renew();
      void message.success(target?.mode === 'create' ? t('territory.created', { name: region.name }) : t('common.saved'));
      onDone(region);
    },
    onError: (err) => {
      setProblem(formErrors(form, err, ['name', 'code']));
    },
  });

  const level = target?.mode === 'create' ? target.level : target?.region.level;
  const title =
    target?.mode === 'create' ? t('territory.createTitle', { level: t(`levels.${target.level}`) }) : t('territory.editTitle', { name: target?.region.name ?? '' });

  return (
    <Modal
      open={target !== null}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      {target?.mode === 'create' ? <p className="gg-muted">{t('territory.createUnder', { name: target.parent.name })}</p> : null}
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item label={t('territory.level')}>
          <Select value={level} disabled options={level ? [{ value: level, label: t(`levels.${level}`) }] : []} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('territory.name')}
          rules={[
            { required: true, whitespace: true, message: t('validation.required') },
            { max: 100, message: t('validation.maxLength', { max: 100 }) },
          ]}
        >
          <Input placeholder={t('territory.namePlaceholder')} maxLength={100} data-testid="region-name" />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('territory.code')}
          extra={t('territory.codeHelp')}
          rules={[{ required: true, message: t('validation.required') }, zodRule(RegionCode, t('validation.codeDigits'))]}
        >
          <Input inputMode="numeric" maxLength={20} className="gg-mono" data-testid="region-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
