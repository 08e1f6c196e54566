// Register a person in a household (the household may exist only on this phone so far); also
// the editor for a refused person (修改后重试).
import { Button, Form, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InvalidChange, type Issue, type PersonInput } from '../../offline/household-changes.ts';
import { PERSON_FIELDS, PersonFields, type PersonValues, personInputOf, personValuesOf, showIssues } from './field.forms.tsx';

export function PersonForm({ householdId, issues, initial, submitText, onSubmit }: {
  householdId: string;
  /** The server's reasons for a refused change, shown on their fields (修改后重试). */
  issues?: readonly Issue[];
  initial?: Partial<PersonInput>;
  submitText: string;
  onSubmit: (input: PersonInput) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PersonValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (issues?.length) showIssues(form, issues, PERSON_FIELDS);
  }, [form, issues]);

  const submit = async (v: PersonValues) => {
    setSaving(true);
    setProblem(null);
    try {
      await onSubmit(personInputOf(v, householdId));
    } catch (err) {
      if (err instanceof InvalidChange) {
        const rest = showIssues(form, err.issues, PERSON_FIELDS);
        setProblem(rest.length ? rest.join('；') : null);
      } else setProblem(t('field.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<PersonValues>
      form={form}
      layout="vertical"
      className="gg-field-form"
      initialValues={{ category: 'resident', keyPerson: false, ...(initial ? personValuesOf(initial) : {}) }}
      onFinish={(v) => void submit(v)}
    >
      <PersonFields form={form} />
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
      <Button type="primary" htmlType="submit" block loading={saving} className="gg-field-submit" data-testid="field-person-save">
        {submitText}
      </Button>
    </Form>
  );
}
