// The content of a form, per kind, as antd fields; shared by "fill in" and "edit". Dates are
// dayjs in the form and YYYY-MM-DD on the wire; server errors `fields.x` land on field x.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, type FormInstance, Input, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FormKind } from '../../../shared/forms.ts';
import { type Person, TRAVEL_MODES } from '../../../shared/households.ts';
import { isApiError } from '../../lib/api.ts';
import { translateServerMessage } from '../../lib/errors.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';

const DATE_FIELDS = ['arrivedOn', 'plannedStayUntil', 'termStart', 'termEnd'] as const;
export type FieldFormValues = Record<string, unknown>;

/** API fields → form values (dates as dayjs). */
export function toFormValues(fields: Record<string, unknown>): FieldFormValues {
  const out: FieldFormValues = { ...fields };
  for (const k of DATE_FIELDS) if (typeof fields[k] === 'string') out[k] = dayjs(fields[k]);
  return out;
}

/** Form values → API fields: dates as days, blank text left out (null clears it on an edit). */
export function toApiFields(values: FieldFormValues, blank: undefined | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (dayjs.isDayjs(v)) out[k] = (v as Dayjs).format('YYYY-MM-DD');
    else if (typeof v === 'string') out[k] = v.trim() ? v.trim() : blank;
    else if (k === 'tenants' && Array.isArray(v)) {
      out[k] = (v as { personId?: string; name?: string }[])
        .filter((x) => x?.name?.trim())
        .map((x) => (x.personId ? { personId: x.personId, name: (x.name ?? '').trim() } : { name: (x.name ?? '').trim() }));
    } else out[k] = v === undefined ? blank : v;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/** Puts `fields.x…` details of a failed save on the fields; returns true when all found one. */
export function applyFieldErrors(form: FormInstance, err: unknown): boolean {
  if (!isApiError(err) || !err.details.length) return false;
  let placed = 0;
  for (const d of err.details) {
    if (!d.path.startsWith('fields.')) continue;
    const name = d.path.slice('fields.'.length).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    form.setFields([{ name, errors: [translateServerMessage(d.message)] }]);
    placed += 1;
  }
  return placed === err.details.length;
}

export function FormFields({ kind, people }: { kind: FormKind; people: Person[] }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const required = { required: true, whitespace: true, message: t('validation.required') };
  const requiredDate = { required: true, message: t('validation.required') };
  const max = (n: number) => ({ max: n, message: t('validation.maxLength', { max: n }) });
  const date = <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" inputReadOnly={mobile} />;

  if (kind === 'floating_registration') {
    return (
      <>
        <Form.Item name="name" label={t('forms.fields.name')} rules={[required, max(50)]}>
          <Input maxLength={50} data-testid="form-field-name" />
        </Form.Item>
        <Form.Item name="origin" label={t('forms.fields.origin')} rules={[required, max(100)]}>
          <Input maxLength={100} placeholder={t('forms.originPlaceholder')} data-testid="form-field-origin" />
        </Form.Item>
        <Form.Item name="arrivedOn" label={t('forms.fields.arrivedOn')} rules={[requiredDate]}>
          {date}
        </Form.Item>
        <Form.Item name="travelMode" label={t('forms.fields.travelMode')} rules={[requiredDate]}>
          <Select options={TRAVEL_MODES.map((m) => ({ value: m, label: t(`forms.travelModes.${m}`) }))} data-testid="form-field-travel" />
        </Form.Item>
        <Form.Item name="residenceAddress" label={t('forms.fields.residenceAddress')} rules={[required, max(200)]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="employer" label={t('forms.fields.employer')} rules={[max(100)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reasonForStay" label={t('forms.fields.reasonForStay')} rules={[required, max(200)]}>
          <Input maxLength={200} placeholder={t('forms.reasonPlaceholder')} data-testid="form-field-reason" />
        </Form.Item>
        <Form.Item name="plannedStayUntil" label={t('forms.fields.plannedStayUntil')}>
          {date}
        </Form.Item>
        <Form.Item name="remarks" label={t('forms.fields.remarks')} rules={[max(500)]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </>
    );
  }
  return (
    <>
      <Form.Item name="landlordName" label={t('forms.fields.landlordName')} rules={[required, max(60)]}>
        <Input maxLength={60} data-testid="form-field-landlord" />
      </Form.Item>
      <Form.Item name="address" label={t('forms.fields.address')} rules={[required, max(200)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('forms.fields.tenants')} required>
        <Form.List name="tenants">
          {(rows, { add, remove }) => (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {rows.map((row) => (
                <Space.Compact key={row.key} style={{ width: '100%' }}>
                  <Form.Item name={[row.name, 'personId']} hidden><Input /></Form.Item>
                  <Form.Item name={[row.name, 'name']} rules={[required, max(50)]} noStyle>
                    <Input maxLength={50} placeholder={t('forms.tenantName')} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('common.close')} />
                </Space.Compact>
              ))}
              <Space wrap>
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })}>{t('forms.addTenant')}</Button>
                {people.length ? (
                  <Select<string>
                    style={{ minWidth: 160 }}
                    placeholder={t('forms.addTenant')}
                    value={null as unknown as string}
                    onChange={(id) => {
                      const p = people.find((x) => x.id === id);
                      if (p) add({ personId: p.id, name: p.name });
                    }}
                    options={people.map((p) => ({ value: p.id, label: p.name }))}
                  />
                ) : null}
              </Space>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <Form.Item name="termStart" label={t('forms.fields.termStart')} rules={[requiredDate]}>
          {date}
        </Form.Item>
        <Form.Item
          name="termEnd"
          label={t('forms.fields.termEnd')}
          dependencies={['termStart']}
          rules={[
            requiredDate,
            ({ getFieldValue }) => ({
              validator: async (_r, v: Dayjs | undefined) => {
                const start = getFieldValue('termStart') as Dayjs | undefined;
                if (v && start && v.isBefore(start, 'day')) throw new Error(t('forms.termEndBeforeStart'));
              },
            }),
          ]}
        >
          {date}
        </Form.Item>
      </div>
      <Form.Item name="dutiesVersion" hidden><Input /></Form.Item>
      <Form.Item name="remarks" label={t('forms.fields.remarks')} rules={[max(500)]}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}
