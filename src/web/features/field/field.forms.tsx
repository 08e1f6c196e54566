// The field forms' parts: household and person fields (shared by registering and by 修改后重试),
// their conversion to the contract's inputs, and the phone-side checks' issues on the fields.
import { DatePicker, Form, type FormInstance, Input, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORIES, type PersonCategory } from '../../../shared/households.ts';
import { validateIdNumber } from '../../../shared/id-number.ts';
import { normaliseMobile } from '../../../shared/normalise.ts';
import { translateServerMessage } from '../../lib/errors.ts';
import type { HouseholdInput, Issue, PersonInput } from '../../offline/household-changes.ts';

const opt = (v: string | undefined | null): string | undefined => (v && v.trim() ? v.trim() : undefined);

export interface HouseholdValues {
  regionId: number;
  address: string;
  building?: string;
  unit?: string;
  room?: string;
  isRental: boolean;
  landlordName?: string;
  landlordPhone?: string;
}
export const householdInputOf = (v: HouseholdValues): HouseholdInput => ({
  regionId: v.regionId,
  address: v.address.trim(),
  building: opt(v.building),
  unit: opt(v.unit),
  room: opt(v.room),
  isRental: v.isRental,
  landlordName: v.isRental ? opt(v.landlordName) : undefined,
  landlordPhone: v.isRental ? opt(v.landlordPhone) : undefined,
});
export const householdValuesOf = (body: Partial<HouseholdInput>): Partial<HouseholdValues> => ({ ...body, isRental: body.isRental ?? false });

export interface PersonValues {
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
export const personInputOf = (v: PersonValues, householdId: string): PersonInput => ({
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
});
export const personValuesOf = (body: Partial<PersonInput>): Partial<PersonValues> => ({
  ...body,
  arrivedOn: body.arrivedOn ? dayjs(body.arrivedOn) : undefined,
  keyPerson: body.keyPerson ?? false,
});

/** Issues from the phone-side check (or the server's refusal details) onto the form's fields. */
export function showIssues(form: FormInstance, issues: readonly Issue[], known: readonly string[], prefix: (string | number)[] = []): string[] {
  const leftover: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const issue of issues) {
    const name = issue.path.split('.')[0] ?? '';
    if (known.includes(name)) fields.push({ name: [...prefix, name], errors: [translateServerMessage(issue.message)] });
    else leftover.push(`${issue.path}: ${translateServerMessage(issue.message)}`);
  }
  form.setFields(fields);
  return leftover;
}
export const HOUSEHOLD_FIELDS = ['regionId', 'address', 'building', 'unit', 'room', 'isRental', 'landlordName', 'landlordPhone'] as const;
export const PERSON_FIELDS = ['name', 'idNumber', 'phone', 'category', 'origin', 'arrivedOn', 'employer', 'keyPerson', 'keyPersonReason'] as const;

export function HouseholdFields({ regions, form }: { regions: { id: number; name: string }[]; form: FormInstance }) {
  const { t } = useTranslation();
  const rental = Form.useWatch('isRental', form) as boolean | undefined;
  const required = { required: true, whitespace: true, message: t('validation.required') };
  return (
    <>
      {regions.length > 1 ? (
        <Form.Item name="regionId" label={t('field.grid')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={regions.map((r) => ({ value: r.id, label: r.name }))} data-testid="field-region" />
        </Form.Item>
      ) : (
        <Form.Item name="regionId" hidden>
          <Input />
        </Form.Item>
      )}
      <Form.Item name="address" label={t('field.address')} rules={[required, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
        <Input maxLength={200} placeholder={t('field.addressPlaceholder')} data-testid="field-address" />
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
        <Form.Item name="building" label={t('field.building')}><Input maxLength={40} /></Form.Item>
        <Form.Item name="unit" label={t('field.unit')}><Input maxLength={40} /></Form.Item>
        <Form.Item name="room" label={t('field.room')}><Input maxLength={40} data-testid="field-room" /></Form.Item>
      </div>
      <Form.Item name="isRental" label={t('field.isRental')} valuePropName="checked">
        <Switch data-testid="field-rental" />
      </Form.Item>
      {rental ? (
        <>
          <Form.Item name="landlordName" label={t('field.landlordName')} rules={[{ max: 60, message: t('validation.maxLength', { max: 60 }) }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="landlordPhone" label={t('field.landlordPhone')} rules={[mobileRule(t('field.badPhone'))]}>
            <Input maxLength={30} inputMode="tel" className="gg-mono" autoComplete="off" />
          </Form.Item>
        </>
      ) : null}
    </>
  );
}

const mobileRule = (message: string) => ({
  validator: async (_: unknown, value: unknown) => {
    if (typeof value === 'string' && value.trim() && !normaliseMobile(value).ok) throw new Error(message);
  },
});

/** Person fields, optionally under a name prefix (the registration form nests them). */
export function PersonFields({ form, prefix = [] }: { form: FormInstance; prefix?: string[] }) {
  const { t } = useTranslation();
  const name = (field: string) => [...prefix, field];
  const category = Form.useWatch(name('category'), form) as PersonCategory | undefined;
  const keyPerson = Form.useWatch(name('keyPerson'), form) as boolean | undefined;
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const idRule = {
    validator: async (_: unknown, value: unknown) => {
      if (typeof value === 'string' && value.trim()) {
        const checked = validateIdNumber(value);
        if (!checked.ok) throw new Error(t(`field.idNumberErrors.${checked.code}`, { defaultValue: t('field.badIdNumber') }));
      }
    },
  };
  return (
    <>
      <Form.Item name={name('name')} label={t('field.personName')} rules={[required, { max: 50, message: t('validation.maxLength', { max: 50 }) }]}>
        <Input maxLength={50} data-testid="field-person-name" />
      </Form.Item>
      <Form.Item name={name('idNumber')} label={t('field.idNumber')} rules={[idRule]}>
        <Input maxLength={40} className="gg-mono" autoComplete="off" data-testid="field-person-id" />
      </Form.Item>
      <Form.Item name={name('phone')} label={t('field.phone')} rules={[mobileRule(t('field.badPhone'))]}>
        <Input maxLength={30} inputMode="tel" className="gg-mono" autoComplete="off" data-testid="field-person-phone" />
      </Form.Item>
      <Form.Item name={name('category')} label={t('field.category')} rules={[{ required: true, message: t('validation.required') }]}>
        <Select options={PERSON_CATEGORIES.map((c) => ({ value: c, label: t(`persons.categories.${c}`) }))} data-testid="field-person-category" />
      </Form.Item>
      {category === 'returnee' ? (
        <>
          <Form.Item name={name('origin')} label={t('field.origin')} rules={[required, { max: 100, message: t('validation.maxLength', { max: 100 }) }]}>
            <Input maxLength={100} placeholder={t('field.originPlaceholder')} data-testid="field-person-origin" />
          </Form.Item>
          <Form.Item name={name('arrivedOn')} label={t('field.arrivedOn')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="field-person-arrived" />
          </Form.Item>
        </>
      ) : null}
      {category === 'migrant_worker' ? (
        <Form.Item name={name('employer')} label={t('field.employer')} rules={[{ max: 100, message: t('validation.maxLength', { max: 100 }) }]}>
          <Input maxLength={100} />
        </Form.Item>
      ) : null}
      <Form.Item name={name('keyPerson')} label={t('field.keyPerson')} valuePropName="checked">
        <Switch />
      </Form.Item>
      {keyPerson ? (
        <Form.Item name={name('keyPersonReason')} label={t('field.keyPersonReason')} rules={[required, { max: 200, message: t('validation.maxLength', { max: 200 }) }]}>
          <Input.TextArea maxLength={200} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      ) : null}
    </>
  );
}
