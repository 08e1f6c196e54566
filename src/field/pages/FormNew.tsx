// 登记表/责任书 filled in at the door: the floating-population registration form for one of the
// household's people, or the rental letter for a rented dwelling, prefilled from the phone's copy
// of the household (never the server's: it may exist only on this phone so far). Saved into the
// outbox like the rest (works with no signal), then signed on its own page.
import { formatDwelling } from '../../shared/address.ts';
import { useMemo, useState } from 'react';
import type { FormKind } from '../../shared/forms.ts';
import { en as formsEn, zh as formsZh } from '../../web/i18n/parts/forms.ts';
import { values } from '../../client/contract-values.ts';
import type { CachedHousehold, CachedPerson } from '../../client/offline/db.ts';
import { queueForm } from '../../client/offline/forms.ts';
import { InvalidChange } from '../../client/offline/household-changes.ts';
import { useLive } from '../../client/offline/live.ts';
import { navigate } from '../../client/router.tsx';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useDb, useRunner } from '../sync.ts';
import { Button, Choice, Empty, Notice, toast } from '../ui.tsx';
import { errorsOf } from './household-fields.tsx';
import { FormFields, type FormValues } from './form-fields.tsx';

addTexts('forms', formsZh, formsEn);

/** The dwelling as the form records it: in Chinese, with its 幢/单元/室 (a form is a Chinese document). */
export const dwelling = (h: Pick<CachedHousehold, 'address' | 'building' | 'unit' | 'room'>): string => formatDwelling(h);
const isTenant = (p: CachedPerson) => p.dwellingRelation === 'tenant' || p.dwellingRelation === 'lodger' || p.category === 'tenant';
const dayOf = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

function defaultsFor(kind: FormKind, h: CachedHousehold, people: CachedPerson[], person: CachedPerson | undefined): FormValues {
  if (kind === 'rental_responsibility') {
    const end = new Date();
    end.setFullYear(end.getFullYear() + 1);
    end.setDate(end.getDate() - 1);
    return {
      landlordName: h.landlordName ?? '',
      address: dwelling(h),
      tenants: people.filter(isTenant).map((p) => ({ personId: p.id, name: p.name })),
      dutiesVersion: values.CURRENT_DUTIES_VERSION,
      termStart: dayOf(new Date()),
      termEnd: dayOf(end),
    };
  }
  return { name: person?.name ?? '', origin: person?.origin ?? '', arrivedOn: person?.arrivedOn ?? '', travelMode: person?.travelMode ?? '', employer: person?.employer ?? '', residenceAddress: dwelling(h) };
}

/** Form values → the contract's fields: trimmed, blanks left out, tenants without empty rows. */
function fieldsOf(v: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x === 'string') {
      if (x.trim()) out[k] = x.trim();
    } else if (k === 'tenants' && Array.isArray(x)) {
      out[k] = x.filter((r) => r.name.trim()).map((r) => (r.personId ? { personId: r.personId, name: r.name.trim() } : { name: r.name.trim() }));
    }
  }
  return out;
}

function Fill({ household, people }: { household: CachedHousehold; people: CachedPerson[] }) {
  const db = useDb();
  const runner = useRunner();
  const [kind, setKind] = useState<FormKind>('floating_registration');
  const [personId, setPersonId] = useState<string>(() => (people.find((p) => p.category !== 'resident') ?? people[0])?.id ?? '');
  const person = people.find((p) => p.id === personId);
  const initial = useMemo(() => defaultsFor(kind, household, people, person), [kind, household, people, person]);
  const [values_, setValues] = useState<{ key: string; v: FormValues }>({ key: '', v: initial });
  const stateKey = `${kind}:${personId}`;
  const v = values_.key === stateKey ? values_.v : initial;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const blocked = kind === 'rental_responsibility' ? (!household.isRental ? t('forms.notRental') : null) : !people.length ? t('forms.noPeople') : null;

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const fields = fieldsOf(v);
      const input = kind === 'floating_registration' ? { kind, householdId: household.id, personId, fields } : { kind, householdId: household.id, fields };
      const id = await queueForm(db, input, dwelling(household));
      toast(runner.getState().online ? t('forms.created') : t('forms.createdOffline'));
      void runner.run(true);
      navigate(`/field/forms/${id}`, { replace: true });
    } catch (err) {
      if (err instanceof InvalidChange) setErrors(Object.fromEntries(Object.entries(errorsOf(err.issues.map((i) => ({ ...i, path: i.path.replace(/^fields\./, '') }))))));
      else setErrors({ form: t('field.saveFailed') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate data-testid="form-create">
      <p className="muted">
        {t('forms.household')}：{dwelling(household)}
      </p>
      <Choice
        name="kind"
        value={kind}
        onChange={setKind}
        options={[
          { value: 'floating_registration', label: t('forms.kindsShort.floating_registration') },
          { value: 'rental_responsibility', label: t('forms.kindsShort.rental_responsibility') },
        ]}
        testId="form-kind"
      />
      {blocked ? <Notice kind="warn">{blocked}</Notice> : null}
      {kind === 'floating_registration' && people.length ? (
        <div className="field">
          <label htmlFor="form-person">{t('forms.person')}</label>
          <select id="form-person" className="input" value={personId} onChange={(e) => setPersonId(e.target.value)} data-testid="form-person">
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}（{t(`persons.categories.${p.category}`)}）
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {!blocked ? <FormFields kind={kind} v={v} set={(next) => setValues({ key: stateKey, v: next })} errors={errors} people={people} /> : null}
      {errors.form ? <Notice kind="error">{errors.form}</Notice> : null}
      <Button kind="primary" type="submit" block busy={busy} disabled={Boolean(blocked)} data-testid="form-save">
        {t('common.save')}
      </Button>
    </form>
  );
}

export default function FormNew({ householdId }: { householdId: string }) {
  const db = useDb();
  const household = useLive(() => db.households.get(householdId).then((h) => h ?? null), [db, householdId]);
  const people = useLive(() => db.persons.where('householdId').equals(householdId).sortBy('name'), [db, householdId]);
  return (
    <Screen title={t('forms.createTitle')} back={`/field/h/${householdId}`}>
      {household === null ? <Empty>{t('field.householdMissing')}</Empty> : null}
      {household && people ? <Fill household={household} people={people} /> : null}
    </Screen>
  );
}
