// 登记新到人员: a new household and, usually, the person who arrived in it, both saved on the
// phone first. Also the editor for a refused household (修改后重试), without the person part.
import { Button, Card, Form, Switch, Typography } from 'antd';
import { v7 } from 'uuid';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkHousehold, checkPerson, type HouseholdInput, InvalidChange, type Issue, localDay, type PersonInput } from '../../offline/household-changes.ts';
import {
  HOUSEHOLD_FIELDS, HouseholdFields, type HouseholdValues, householdInputOf, householdValuesOf, PERSON_FIELDS, PersonFields,
  type PersonValues, personInputOf, showIssues,
} from './field.forms.tsx';
import { useHouseholdRegions } from './field.sync.ts';

/** The person's household is the one being made: its id comes when it is queued. */
const withoutHousehold = ({ householdId: _, ...rest }: PersonInput): Omit<PersonInput, 'householdId'> => rest;

type Values = HouseholdValues & { withPerson?: boolean; person?: PersonValues };

export function HouseholdForm({ issues, initial, allowPerson, submitText, onSubmit }: {
  /** The server's reasons for a refused change, shown on their fields (修改后重试). */
  issues?: readonly Issue[];
  initial?: Partial<HouseholdInput>;
  allowPerson: boolean;
  submitText: string;
  onSubmit: (household: HouseholdInput, person: Omit<PersonInput, 'householdId'> | null) => Promise<void>;
}) {
  const { t } = useTranslation();
  const regions = useHouseholdRegions();
  const [form] = Form.useForm<Values>();
  const withPerson = Form.useWatch('withPerson', form) as boolean | undefined;
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (issues?.length) showIssues(form, issues, HOUSEHOLD_FIELDS);
  }, [form, issues]);

  const submit = async (v: Values) => {
    setSaving(true);
    setProblem(null);
    const household = householdInputOf(v);
    const person = allowPerson && v.withPerson && v.person ? personInputOf(v.person, v7()) : null;
    let stage: 'household' | 'person' = 'household';
    try {
      // Both checked before either is queued: no half-registered arrival.
      checkHousehold({ ...household, id: v7() });
      stage = 'person';
      if (person) checkPerson({ ...person, id: v7() }, localDay(new Date()));
      stage = 'household';
      await onSubmit(household, person ? withoutHousehold(person) : null);
    } catch (err) {
      if (err instanceof InvalidChange) {
        const rest = stage === 'person' ? showIssues(form, err.issues, PERSON_FIELDS, ['person']) : showIssues(form, err.issues, HOUSEHOLD_FIELDS);
        setProblem(rest.length ? rest.join('；') : null);
      } else setProblem(t('field.saveFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      className="gg-field-form"
      initialValues={{
        regionId: regions[0]?.id,
        isRental: false,
        withPerson: allowPerson,
        person: { category: 'floating', keyPerson: false } as PersonValues,
        ...(initial ? householdValuesOf(initial) : {}),
      }}
      onFinish={(v) => void submit(v)}
    >
      <Card size="small" title={t('field.householdPart')} style={{ marginBottom: 12 }}>
        <HouseholdFields regions={regions} form={form} />
      </Card>
      {allowPerson ? (
        <Card
          size="small"
          title={t('field.personPart')}
          extra={
            <Form.Item name="withPerson" valuePropName="checked" noStyle>
              <Switch size="small" data-testid="field-with-person" />
            </Form.Item>
          }
          style={{ marginBottom: 12 }}
        >
          {withPerson ? <PersonFields form={form} prefix={['person']} /> : <Typography.Text type="secondary">{t('field.householdOnly')}</Typography.Text>}
        </Card>
      ) : null}
      {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
      <Button type="primary" htmlType="submit" block loading={saving} className="gg-field-submit" data-testid="field-household-save">
        {submitText}
      </Button>
    </Form>
  );
}
