// The content of a form, per kind, as the phone's plain fields; the contract's limits on each.
// Dates are YYYY-MM-DD (the phone's own date picker); a refusal's `fields.x` lands on field x.
import type { FormKind } from '../../shared/forms.ts';
import { values } from '../../client/contract-values.ts';
import type { CachedPerson } from '../../client/offline/db.ts';
import { t } from '../i18n.ts';
import { Button, Field } from '../ui.tsx';

export type FormValues = Record<string, string | { personId?: string; name: string }[]>;

type Spec = { name: string; max?: number; required?: boolean; type?: 'date' | 'area' | 'travel'; testId?: string; placeholder?: string };
const REGISTRATION: Spec[] = [
  { name: 'name', max: 50, required: true, testId: 'form-field-name' },
  { name: 'origin', max: 100, required: true, testId: 'form-field-origin', placeholder: 'forms.originPlaceholder' },
  { name: 'arrivedOn', required: true, type: 'date' },
  { name: 'travelMode', required: true, type: 'travel', testId: 'form-field-travel' },
  { name: 'residenceAddress', max: 200, required: true },
  { name: 'employer', max: 100 },
  { name: 'reasonForStay', max: 200, required: true, testId: 'form-field-reason', placeholder: 'forms.reasonPlaceholder' },
  { name: 'plannedStayUntil', type: 'date' },
  { name: 'remarks', max: 500, type: 'area' },
];
const RENTAL_BEFORE: Spec[] = [
  { name: 'landlordName', max: 60, required: true, testId: 'form-field-landlord' },
  { name: 'address', max: 200, required: true },
];
const RENTAL_AFTER: Spec[] = [
  { name: 'termStart', required: true, type: 'date' },
  { name: 'termEnd', required: true, type: 'date' },
  { name: 'remarks', max: 500, type: 'area' },
];

export function FormFields({ kind, v, set, errors, people }: { kind: FormKind; v: FormValues; set: (v: FormValues) => void; errors: Record<string, string>; people: CachedPerson[] }) {
  const text = (name: string) => (typeof v[name] === 'string' ? (v[name] as string) : '');
  const field = (s: Spec) => {
    const id = `form-${s.name}`;
    const common = { id, value: text(s.name), onChange: (e: { target: { value: string } }) => set({ ...v, [s.name]: e.target.value }), 'data-testid': s.testId };
    return (
      <Field key={s.name} id={id} label={t(`forms.fields.${s.name}`)} error={errors[s.name]} required={s.required}>
        {s.type === 'date' ? (
          <input type="date" className="input" {...common} />
        ) : s.type === 'area' ? (
          <textarea className="input" rows={2} maxLength={s.max} {...common} />
        ) : s.type === 'travel' ? (
          <select className="input" {...common}>
            <option value="" />
            {values.TRAVEL_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`forms.travelModes.${m}`)}
              </option>
            ))}
          </select>
        ) : (
          <input className="input" maxLength={s.max} placeholder={s.placeholder ? t(s.placeholder) : undefined} {...common} />
        )}
      </Field>
    );
  };
  if (kind === 'floating_registration') return <>{REGISTRATION.map(field)}</>;
  const tenants = Array.isArray(v.tenants) ? v.tenants : [];
  const setTenants = (next: typeof tenants) => set({ ...v, tenants: next });
  const notListed = people.filter((p) => !tenants.some((x) => x.personId === p.id));
  return (
    <>
      {RENTAL_BEFORE.map(field)}
      <Field id="form-tenants" label={t('forms.fields.tenants')} error={errors.tenants} required>
        <div className="stack">
          {tenants.map((row, i) => (
            <div key={i} className="inline">
              <input className="input" maxLength={50} placeholder={t('forms.tenantName')} value={row.name} onChange={(e) => setTenants(tenants.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              <Button kind="danger" onClick={() => setTenants(tenants.filter((_, j) => j !== i))} aria-label={t('common.close')}>
                ×
              </Button>
            </div>
          ))}
          <Button onClick={() => setTenants([...tenants, { name: '' }])}>{t('forms.addTenant')}</Button>
          {notListed.length ? (
            <select className="input" value="" onChange={(e) => {
              const p = people.find((x) => x.id === e.target.value);
              if (p) setTenants([...tenants, { personId: p.id, name: p.name }]);
            }}>
              <option value="">{t('forms.addTenant')}…</option>
              {notListed.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          ) : null}
        </div>
      </Field>
      {RENTAL_AFTER.map(field)}
    </>
  );
}
