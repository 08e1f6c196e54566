// Register a person in a household: category decides the extra fields (returnee: where from and
// when; migrant worker: employer); a key person needs a reason. A duplicate ID lands on its field.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORIES, type PersonCategory } from '../../../shared/households.ts';
import { CATEGORY_LABELS_ZH } from '../../../shared/labels.ts';
import { isApiError } from '../../lib/api.ts';
import { translateServerMessage, useFormErrors } from '../../lib/errors.ts';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { createPerson, householdKeys } from './households.api.ts';

interface Values {
  name: string;
  idNumber?: string;
  phone?: string;
  category: PersonCategory;
  origin?: string;
  arrivedOn?: Dayjs;
  employer?: string;
  keyPerson: boolean;
  keyPersonReason?: string;
}
const FIELDS = ['name', 'idNumber', 'phone', 'category', 'origin', 'arrivedOn', 'employer', 'keyPerson', 'keyPersonReason'] as const;
const opt = (v: string | undefined): string | undefined => (v && v.trim() ? v.trim() : undefined);

export function PersonDrawer({ householdId, open, onClose }: { householdId: string; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const queryClient = useQueryClient();
  const formErrors = useFormErrors();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const keyPerson = Form.useWatch('keyPerson', form);
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({ category: 'resident', keyPerson: false });
  }, [open, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      createPerson(
        {
          householdId,
          name: v.name.trim(),
          idNumber: opt(v.idNumber),
          phone: opt(v.phone),
          category: v.category,
          origin: v.category === 'returnee' ? opt(v.origin) : undefined,
          arrivedOn: v.category === 'returnee' && v.arrivedOn ? v.arrivedOn.format('YYYY-MM-DD') : undefined,
          employer: v.category === 'migrant_worker' ? opt(v.employer) : undefined,
          keyPerson: v.keyPerson,
          keyPersonReason: v.keyPerson ? opt(v.keyPersonReason) : undefined,
        },
        key,
      ),
    onSuccess: () => {
      renew();
      void message.success(t('persons.created'));
      void queryClient.invalidateQueries({ queryKey: householdKeys.all });
      onClose();
    },
    onError: (err) => {
      setProblem(formErrors(form, err, FIELDS));
      // The same ID number already in the county: say so in words, with the server's detail.
      const duplicate = isApiError(err) && err.code === 'DUPLICATE' ? err.details.find((d) => d.path === 'idNumber') : undefined;
      if (duplicate) form.setFields([{ name: 'idNumber', errors: [`${t('persons.duplicateId')}（${translateServerMessage(duplicate.message)}）`] }]);
    },
  });

  const required = { required: true, whitespace: true, message: t('validation.required') };
  const categoryOptions = PERSON_CATEGORIES.map((c) => ({ value: c, label: i18n.language === 'en' ? t(`persons.categories.${c}`) : CATEGORY_LABELS_ZH[c] }));
  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={t('persons.createTitle')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="person-save"
      problem={problem}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('persons.name')} rules={[required, { max: 50, message: t('validation.maxLength', { max: 50 }) }]}>
          <Input maxLength={50} data-testid="person-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('persons.idNumber')}>
          <Input maxLength={40} className="gg-mono" autoComplete="off" data-testid="person-id-number" />
        </Form.Item>
        <Form.Item name="phone" label={t('persons.phone')}>
          <Input maxLength={30} inputMode="tel" className="gg-mono" autoComplete="off" />
        </Form.Item>
        <Form.Item name="category" label={t('persons.category')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={categoryOptions} data-testid="person-category" />
        </Form.Item>
        {category === 'returnee' ? (
          <>
            <Form.Item name="origin" label={t('persons.origin')} rules={[required, { max: 100, message: t('validation.maxLength', { max: 100 }) }]}>
              <Input maxLength={100} placeholder={t('persons.originPlaceholder')} />
            </Form.Item>
            <Form.Item name="arrivedOn" label={t('persons.arrivedOn')} rules={[{ required: true, message: t('validation.required') }]}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} />
            </Form.Item>
          </>
        ) : null}
        {category === 'migrant_worker' ? (
          <Form.Item name="employer" label={t('persons.employer')} rules={[{ max: 100, message: t('validation.maxLength', { max: 100 }) }]}>
            <Input maxLength={100} />
          </Form.Item>
        ) : null}
        <Form.Item name="keyPerson" label={t('persons.keyPerson')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {keyPerson ? (
          <Form.Item name="keyPersonReason" label={t('persons.keyPersonReason')} rules={[required, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
            <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        ) : null}
      </Form>
    </FormDrawer>
  );
}
