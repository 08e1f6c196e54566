// Editing a pending form's content; a cleared optional field is sent as null.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form as AntForm } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Form } from '../../../shared/forms.ts';
import { useErrorText } from '../../lib/errors.ts';
import { FormDrawer } from '../../lib/FormDrawer.tsx';
import { useIdempotencyKey } from '../../lib/useIdempotencyKey.ts';
import { formKeys, patchForm } from './forms.api.ts';
import { type FieldFormValues, FormFields, applyFieldErrors, toApiFields, toFormValues } from './FormFields.tsx';

export function FormEditDrawer({ form, open, onClose }: { form: Form; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [antForm] = AntForm.useForm<FieldFormValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const { key, renew } = useIdempotencyKey();

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    antForm.resetFields();
    antForm.setFieldsValue(toFormValues(form.fields));
  }, [open, antForm, form.fields]);

  const save = useMutation({
    mutationFn: (values: FieldFormValues) => patchForm(form.id, toApiFields(values, null), key),
    onSuccess: (updated) => {
      renew();
      void message.success(t('forms.saved'));
      queryClient.setQueryData(formKeys.detail(form.id), updated);
      void queryClient.invalidateQueries({ queryKey: formKeys.all });
      onClose();
    },
    onError: (err) => setProblem(applyFieldErrors(antForm, err) ? null : errorText(err)),
  });

  return (
    <FormDrawer open={open} onClose={onClose} title={t('forms.editTitle')} saving={save.isPending} onSave={() => antForm.submit()} saveTestId="form-edit-save" problem={problem}>
      <AntForm<FieldFormValues> form={antForm} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <FormFields kind={form.kind} people={[]} />
      </AntForm>
    </FormDrawer>
  );
}
