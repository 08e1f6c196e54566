// Small pieces every forms page shows: who a form is about, where, and its status tag.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Form } from '../../../shared/forms.ts';

/** The person a form is about: the registered person, or the landlord of a letter. */
export const subjectOf = (f: Form): string => String(f.fields.name ?? f.fields.landlordName ?? '—');
export const addressOf = (f: Form): string => String(f.fields.residenceAddress ?? f.fields.address ?? '—');
export const tenantsOf = (f: Form): { personId?: string; name: string }[] =>
  Array.isArray(f.fields.tenants) ? (f.fields.tenants as { personId?: string; name: string }[]) : [];

export function StatusTag({ form }: { form: Pick<Form, 'status'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={form.status === 'signed' ? 'green' : 'orange'} style={{ marginInlineEnd: 0 }} data-testid="form-status">
      {t(`forms.statuses.${form.status}`)}
    </Tag>
  );
}

export function KindTag({ form }: { form: Pick<Form, 'kind'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={form.kind === 'floating_registration' ? 'blue' : 'purple'} style={{ marginInlineEnd: 0 }}>
      {t(`forms.kindsShort.${form.kind}`)}
    </Tag>
  );
}
