// A form's content: prefilled from the person and household it is about, then checked whole
// against its kind's schema. Errors name the field as `fields.<name>`.
import type { z } from 'zod';
import { formatDwelling } from '../../../shared/address.ts';
import type { Household, Person } from '../../../shared/households.ts';
import { CURRENT_DUTIES_VERSION, type FormKind, RegistrationFields, RentalFields } from '../../../shared/forms.ts';
import { AppError } from '../../platform/errors.ts';
import { addDays } from '../../platform/time.ts';

export type FieldValues = Record<string, unknown>;

const schemaOf = (kind: FormKind): z.ZodType => (kind === 'floating_registration' ? RegistrationFields : RentalFields);

/** The dwelling as one line, in Chinese with its 幢/单元/室: "新村路 8 号 2幢 1单元 302室". */
export const dwellingOf = (h: Household): string => formatDwelling(h);

const defined = (values: FieldValues): FieldValues => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));

export function registrationDefaults(person: Person, household: Household): FieldValues {
  return defined({
    name: person.name,
    origin: person.origin,
    arrivedOn: person.arrivedOn,
    travelMode: person.travelMode,
    employer: person.employer,
    residenceAddress: dwellingOf(household),
  });
}

/** Tenants: people of the dwelling who rent or lodge there (by their link or their category). */
export function rentalDefaults(household: Household, people: Person[], today: string): FieldValues {
  const tenants = people
    .filter((p) => p.dwellingRelation === 'tenant' || p.dwellingRelation === 'lodger' || p.category === 'tenant')
    .slice(0, 20)
    .map((p) => ({ personId: p.id, name: p.name }));
  return defined({
    landlordName: household.landlordName,
    address: dwellingOf(household),
    tenants: tenants.length ? tenants : undefined,
    dutiesVersion: CURRENT_DUTIES_VERSION,
    termStart: today,
    termEnd: addDays(today, 364),
  });
}

/** Checks the whole content of a form of `kind`; throws a 400 naming each bad field. */
export function checkFields(kind: FormKind, values: FieldValues, tenantIds: ReadonlySet<string> | null): FieldValues {
  const parsed = schemaOf(kind).safeParse(values);
  if (!parsed.success) {
    const details = parsed.error.issues.flatMap((i) => {
      const base = ['fields', ...i.path.map(String)];
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: [...base, k].join('.'), message: 'unknown field' }));
      return [{ path: base.join('.'), message: i.code === 'invalid_type' && i.input === undefined ? 'required' : i.message }];
    });
    throw new AppError('VALIDATION_ERROR', `Invalid form: ${[...new Set(details.map((d) => d.path))].join(', ')}`, details);
  }
  const fields = parsed.data as FieldValues;
  if (kind === 'rental_responsibility') {
    const { termStart, termEnd, tenants } = fields as { termStart: string; termEnd: string; tenants: { personId?: string }[] };
    if (termEnd < termStart) throw new AppError('VALIDATION_ERROR', 'fields.termEnd: the term ends before it starts', [{ path: 'fields.termEnd', message: 'before termStart' }]);
    tenants.forEach((tenant, i) => {
      if (tenant.personId && tenantIds && !tenantIds.has(tenant.personId)) {
        const path = `fields.tenants.${i}.personId`;
        throw new AppError('UNPROCESSABLE', `${path}: not a person of this dwelling`, [{ path, message: 'not a person of this household' }]);
      }
    });
  }
  return fields;
}
