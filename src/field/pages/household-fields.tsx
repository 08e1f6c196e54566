// The household and person fields of the phone's forms (registering, and 修改后重试 of a refused
// change): plain inputs with the contract's limits, and the checks the server would make shown
// on their fields before anything is saved.
import type { PersonCategory } from '../../shared/households.ts';
import { carries, requiredFor } from '../../shared/person-rules.ts';
import { validateIdNumber } from '../../shared/id-number.ts';
import { normaliseMobile } from '../../shared/normalise.ts';
import { values as contract } from '../../client/contract-values.ts';
import { householdBodyOf, optionalText } from '../../client/household-input.ts';
import type { HouseholdInput, Issue, PersonInput } from '../../client/offline/household-changes.ts';
import { serverText, t } from '../i18n.ts';
import { Field, RegionOptions, Toggle } from '../ui.tsx';

export type Errors = Record<string, string>;
export interface HouseholdValues {
  regionId: number;
  address: string;
  building: string;
  unit: string;
  room: string;
  isRental: boolean;
  landlordName: string;
  landlordPhone: string;
}
export interface PersonValues {
  name: string;
  idNumber: string;
  phone: string;
  category: PersonCategory;
  origin: string;
  arrivedOn: string;
  employer: string;
  keyPerson: boolean;
  keyPersonReason: string;
}


/** A form's starting values: what was given, blank where nothing was. */
const withBlanks = <T extends object>(blank: T, given: object): T => ({ ...blank, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined && v !== null)) });

export const householdValuesOf = (h: Partial<HouseholdInput>, regionId: number): HouseholdValues =>
  withBlanks({ regionId, address: '', building: '', unit: '', room: '', isRental: false, landlordName: '', landlordPhone: '' }, h);
export const householdInputOf = (v: HouseholdValues): HouseholdInput => householdBodyOf(v);
export const personValuesOf = (p: Partial<PersonInput>, category: PersonCategory = 'resident'): PersonValues =>
  withBlanks({ name: '', idNumber: '', phone: '', category, origin: '', arrivedOn: '', employer: '', keyPerson: false, keyPersonReason: '' }, p);
export const personInputOf = (v: PersonValues, householdId: string): PersonInput => ({
  householdId,
  name: v.name.trim(),
  idNumber: optionalText(v.idNumber),
  phone: optionalText(v.phone),
  category: v.category,
  origin: carries(v.category, 'origin') ? optionalText(v.origin) : undefined,
  arrivedOn: carries(v.category, 'arrivedOn') ? optionalText(v.arrivedOn) : undefined,
  employer: carries(v.category, 'employer') ? optionalText(v.employer) : undefined,
  keyPerson: v.keyPerson,
  keyPersonReason: v.keyPerson ? optionalText(v.keyPersonReason) : undefined,
});

/** Issues (the phone's check or the server's refusal) by field, in the worker's words. */
export function errorsOf(issues: readonly Issue[], prefix = ''): Errors {
  const out: Errors = {};
  for (const i of issues) {
    const name = `${prefix}${i.path.split('.')[0] ?? ''}`;
    const text = i.message.startsWith('already registered: ') ? t('field.alreadyRegistered') : i.message === 'required' ? t('validation.required') : serverText(i.message);
    out[name] ??= text;
  }
  return out;
}

/** The checks a worker should see while typing (before the contract's check on saving). */
export function idNumberError(v: string): string | null {
  if (!v.trim()) return null;
  const checked = validateIdNumber(v);
  return checked.ok ? null : t(`field.idNumberErrors.${checked.code}`, undefined, t('field.badIdNumber'));
}
export const phoneError = (v: string): string | null => (v.trim() && !normaliseMobile(v).ok ? t('field.badPhone') : null);

type Set<V> = <K extends keyof V>(key: K, value: V[K]) => void;

export function HouseholdFields({ v, set, errors, regions }: { v: HouseholdValues; set: Set<HouseholdValues>; errors: Errors; regions: { id: number; name: string }[] }) {
  return (
    <>
      {regions.length > 1 ? (
        <Field id="hh-region" label={t('field.grid')} error={errors.regionId} required>
          <select id="hh-region" className="input" value={v.regionId} onChange={(e) => set('regionId', Number(e.target.value))} data-testid="field-region">
            <RegionOptions regions={regions} />
          </select>
        </Field>
      ) : null}
      <Field id="hh-address" label={t('field.address')} error={errors.address} required>
        <input id="hh-address" className="input" maxLength={200} placeholder={t('field.addressPlaceholder')} value={v.address} onChange={(e) => set('address', e.target.value)} data-testid="field-address" />
      </Field>
      <div className="row3">
        <Field id="hh-building" label={t('field.building')} error={errors.building}>
          <input id="hh-building" className="input" maxLength={40} value={v.building} onChange={(e) => set('building', e.target.value)} />
        </Field>
        <Field id="hh-unit" label={t('field.unit')} error={errors.unit}>
          <input id="hh-unit" className="input" maxLength={40} value={v.unit} onChange={(e) => set('unit', e.target.value)} />
        </Field>
        <Field id="hh-room" label={t('field.room')} error={errors.room}>
          <input id="hh-room" className="input" maxLength={40} value={v.room} onChange={(e) => set('room', e.target.value)} data-testid="field-room" />
        </Field>
      </div>
      <Toggle checked={v.isRental} onChange={(on) => set('isRental', on)} label={t('field.isRental')} testId="field-rental" />
      {v.isRental ? (
        <>
          <Field id="hh-landlord" label={t('field.landlordName')} error={errors.landlordName}>
            <input id="hh-landlord" className="input" maxLength={60} value={v.landlordName} onChange={(e) => set('landlordName', e.target.value)} />
          </Field>
          <Field id="hh-landlord-phone" label={t('field.landlordPhone')} error={errors.landlordPhone ?? phoneError(v.landlordPhone)}>
            <input id="hh-landlord-phone" className="input mono" maxLength={30} inputMode="tel" autoComplete="off" value={v.landlordPhone} onChange={(e) => set('landlordPhone', e.target.value)} />
          </Field>
        </>
      ) : null}
    </>
  );
}

/** Today on the phone's clock, YYYY-MM-DD: the latest arrival day allowed. */
const today = (): string => {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
};

export function PersonFields({ v, set, errors, prefix = 'p' }: { v: PersonValues; set: Set<PersonValues>; errors: Errors; prefix?: string }) {
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <Field id={id('name')} label={t('field.personName')} error={errors.name} required>
        <input id={id('name')} className="input" maxLength={50} value={v.name} onChange={(e) => set('name', e.target.value)} data-testid="field-person-name" />
      </Field>
      <Field id={id('idnumber')} label={t('field.idNumber')} error={errors.idNumber ?? idNumberError(v.idNumber)}>
        <input id={id('idnumber')} className="input mono" maxLength={40} autoComplete="off" value={v.idNumber} onChange={(e) => set('idNumber', e.target.value)} data-testid="field-person-id" />
      </Field>
      <Field id={id('phone')} label={t('field.phone')} error={errors.phone ?? phoneError(v.phone)}>
        <input id={id('phone')} className="input mono" maxLength={30} inputMode="tel" autoComplete="off" value={v.phone} onChange={(e) => set('phone', e.target.value)} data-testid="field-person-phone" />
      </Field>
      <Field id={id('category')} label={t('field.category')} error={errors.category} required>
        <select id={id('category')} className="input" value={v.category} onChange={(e) => set('category', e.target.value as PersonCategory)} data-testid="field-person-category">
          {contract.PERSON_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`persons.categories.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      {/* Which fields a category carries and requires: shared/person-rules.ts, as the server and the import judge. */}
      {carries(v.category, 'origin') ? (
        <Field id={id('origin')} label={t('field.origin')} error={errors.origin} required={requiredFor(v.category).includes('origin')}>
          <input id={id('origin')} className="input" maxLength={100} placeholder={t('field.originPlaceholder')} value={v.origin} onChange={(e) => set('origin', e.target.value)} data-testid="field-person-origin" />
        </Field>
      ) : null}
      {carries(v.category, 'arrivedOn') ? (
        <Field id={id('arrived')} label={t('field.arrivedOn')} error={errors.arrivedOn} required={requiredFor(v.category).includes('arrivedOn')}>
          <input id={id('arrived')} type="date" className="input" max={today()} value={v.arrivedOn} onChange={(e) => set('arrivedOn', e.target.value)} data-testid="field-person-arrived" />
        </Field>
      ) : null}
      {carries(v.category, 'employer') ? (
        <Field id={id('employer')} label={t('field.employer')} error={errors.employer}>
          <input id={id('employer')} className="input" maxLength={100} value={v.employer} onChange={(e) => set('employer', e.target.value)} />
        </Field>
      ) : null}
      <Toggle checked={v.keyPerson} onChange={(on) => set('keyPerson', on)} label={t('field.keyPerson')} testId="field-person-key" />
      {v.keyPerson ? (
        <Field id={id('reason')} label={t('field.keyPersonReason')} error={errors.keyPersonReason} required>
          <textarea id={id('reason')} className="input" rows={2} maxLength={200} value={v.keyPersonReason} onChange={(e) => set('keyPersonReason', e.target.value)} />
        </Field>
      ) : null}
    </>
  );
}
