// The three changes a worker makes at the door, as forms: a household (with the person who
// arrived in it), a person, a visit. Used to register and for 修改后重试 of a refused change; each
// checks with the contract before it calls `onSubmit`, and shows what is wrong on its field.
import { type FormEvent, useEffect, useState } from 'react';
import { v7 } from 'uuid';
import type { Person } from '../../shared/households.ts';
import { values as contract } from '../../client/contract-values.ts';
import { checkHousehold, checkPerson, type HouseholdInput, InvalidChange, type Issue, localDay, type PersonInput, type VisitInput } from '../../client/offline/household-changes.ts';
import { t } from '../i18n.ts';
import { Button, Card, Choice, Field, Notice, Toggle } from '../ui.tsx';
import {
  type Errors, errorsOf, HouseholdFields, type HouseholdValues, householdInputOf, householdValuesOf, PersonFields, type PersonValues, personInputOf, personValuesOf,
} from './household-fields.tsx';

/** Saving: the problems found (by field) or a general failure; the page's own handling runs on success. */
function useSave() {
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<void>, prefixOf: (issues: Issue[]) => string = () => '') => {
    setBusy(true);
    setProblem(null);
    setErrors({});
    try {
      await work();
    } catch (err) {
      if (err instanceof InvalidChange) setErrors(errorsOf(err.issues, prefixOf(err.issues)));
      else setProblem(t('field.saveFailed'));
    } finally {
      setBusy(false);
    }
  };
  return { errors, setErrors, problem, busy, run };
}

/** The person's household is the one being made: its id comes when it is queued. */
const withoutHousehold = ({ householdId: _, ...rest }: PersonInput): Omit<PersonInput, 'householdId'> => rest;

const prevent = (fn: () => void) => (e: FormEvent) => {
  e.preventDefault();
  fn();
};

export function HouseholdForm({ regions, issues, initial, personInitial, allowPerson, submitText, onSubmit }: {
  regions: { id: number; name: string }[];
  issues?: readonly Issue[];
  initial?: Partial<HouseholdInput>;
  /** The person part's first values (a verification task's name, origin and arrival day). */
  personInitial?: Partial<PersonInput>;
  allowPerson: boolean;
  submitText: string;
  onSubmit: (household: HouseholdInput, person: Omit<PersonInput, 'householdId'> | null) => Promise<void>;
}) {
  const [v, setV] = useState<HouseholdValues>(() => householdValuesOf(initial ?? {}, regions[0]?.id ?? 0));
  const [withPerson, setWithPerson] = useState(allowPerson);
  const [p, setP] = useState<PersonValues>(() => personValuesOf(personInitial ?? {}, 'floating'));
  const save = useSave();
  useEffect(() => {
    if (issues?.length) save.setErrors(errorsOf(issues));
  }, [issues]);
  const submit = () => {
    const household = householdInputOf(v);
    const person = allowPerson && withPerson ? personInputOf(p, v7()) : null;
    let stage = '';
    void save.run(
      async () => {
        // Both checked before either is queued: no half-registered arrival.
        checkHousehold(household);
        stage = 'person.';
        if (person) checkPerson(person, localDay(new Date()));
        stage = '';
        await onSubmit(household, person ? withoutHousehold(person) : null);
      },
      () => stage,
    );
  };
  const personErrors = Object.fromEntries(Object.entries(save.errors).filter(([k]) => k.startsWith('person.')).map(([k, e]) => [k.slice(7), e]));
  return (
    <form className="form" onSubmit={prevent(submit)} noValidate>
      <Card title={t('field.householdPart')}>
        <HouseholdFields v={v} set={(k, x) => setV((o) => ({ ...o, [k]: x }))} errors={save.errors} regions={regions} />
      </Card>
      {allowPerson ? (
        <Card title={t('field.personPart')} extra={<Toggle checked={withPerson} onChange={setWithPerson} label="" testId="field-with-person" />}>
          {withPerson ? <PersonFields v={p} set={(k, x) => setP((o) => ({ ...o, [k]: x }))} errors={personErrors} /> : <p className="muted">{t('field.householdOnly')}</p>}
        </Card>
      ) : null}
      {save.problem ? <Notice kind="error">{save.problem}</Notice> : null}
      <Button kind="primary" type="submit" block busy={save.busy} data-testid="field-household-save">
        {submitText}
      </Button>
    </form>
  );
}

export function PersonForm({ householdId, issues, initial, submitText, onSubmit }: {
  householdId: string;
  issues?: readonly Issue[];
  initial?: Partial<PersonInput>;
  submitText: string;
  onSubmit: (input: PersonInput) => Promise<void>;
}) {
  const [v, setV] = useState<PersonValues>(() => personValuesOf(initial ?? {}));
  const save = useSave();
  useEffect(() => {
    if (issues?.length) save.setErrors(errorsOf(issues));
  }, [issues]);
  return (
    <form className="form" onSubmit={prevent(() => void save.run(() => onSubmit(personInputOf(v, householdId))))} noValidate>
      <PersonFields v={v} set={(k, x) => setV((o) => ({ ...o, [k]: x }))} errors={save.errors} />
      {save.problem ? <Notice kind="error">{save.problem}</Notice> : null}
      <Button kind="primary" type="submit" block busy={save.busy} data-testid="field-person-save">
        {submitText}
      </Button>
    </form>
  );
}

type Mark = 'confirmed' | 'left' | 'unknown';
/** Where a person marked left went: a grid of the county (its id), or a place outside typed in. */
type Destination = { region: string; place: string; leftOn: string };
const NO_DESTINATION: Destination = { region: '', place: '', leftOn: '' };

type LeftToEntry = NonNullable<VisitInput['leftTo']>[number];
/** The visit's leftTo: an entry for each person left with a grid or a place; one left with neither only ends their stay. */
function leftToOf(leftIds: readonly string[], dest: Record<string, Destination>): LeftToEntry[] {
  return leftIds.flatMap((personId): LeftToEntry[] => {
    const d = dest[personId] ?? NO_DESTINATION;
    if (d.region) return [{ personId, toRegionId: Number(d.region) }];
    if (d.place.trim()) return [{ personId, leftTo: d.place.trim(), ...(d.leftOn ? { leftOn: d.leftOn } : {}) }];
    return [];
  });
}
type Outcome = (typeof contract.VISIT_OUTCOMES)[number];
type Check = (typeof contract.VISIT_CHECKS)[number];

/** 去向 of one person marked left: a grid of the county (a hand-over is proposed there) or a place outside with its day. */
function LeftTo({ id, d, set, destinations }: { id: string; d: Destination; set: (part: Partial<Destination>) => void; destinations: readonly { id: number; label: string }[] }) {
  return (
    <div className="left-to" data-testid="field-visit-left-to">
      <label htmlFor={`left-region-${id}`}>{t('field.leftWhere')}</label>
      <select id={`left-region-${id}`} className="input" value={d.region} onChange={(e) => set({ region: e.target.value })} data-testid="field-visit-left-region">
        <option value="">{t('field.leftOutside')}</option>
        {destinations.map((g) => <option key={g.id} value={g.id}>{g.label}</option>)}
      </select>
      {d.region ? (
        <p className="muted small">{t('field.leftHandover')}</p>
      ) : (
        <>
          <input className="input" maxLength={200} value={d.place} onChange={(e) => set({ place: e.target.value })} placeholder={t('field.leftPlace')} aria-label={t('field.leftPlace')} data-testid="field-visit-left-place" />
          <input className="input" type="date" value={d.leftOn} onChange={(e) => set({ leftOn: e.target.value })} aria-label={t('field.leftOn')} data-testid="field-visit-left-on" />
        </>
      )}
    </div>
  );
}

export function VisitForm({ householdId, people, initial, destinations, submitText, onSubmit }: {
  householdId: string;
  people: Pick<Person, 'id' | 'name'>[];
  initial?: Partial<VisitInput>;
  /**
   * The county's grids (the cached list the verification task's 'left' uses, so it works with no
   * signal), other than the worker's own: with them, a person marked left gets a 去向 picker.
   * Left out for a volunteer, whose "left" is a report for the grid's staff.
   */
  destinations?: readonly { id: number; label: string }[];
  submitText: string;
  onSubmit: (input: VisitInput) => Promise<void>;
}) {
  const [outcome, setOutcome] = useState<Outcome>(initial?.outcome ?? 'verified');
  const [checked, setChecked] = useState<Check[]>(initial?.checked ?? []);
  const [present, setPresent] = useState(initial?.presentCount === undefined ? '' : String(initial.presentCount));
  const [note, setNote] = useState(initial?.note ?? '');
  const [marks, setMarks] = useState<Record<string, Mark>>(() => {
    const m: Record<string, Mark> = {};
    for (const id of initial?.confirmedPersonIds ?? []) m[id] = 'confirmed';
    for (const id of initial?.leftPersonIds ?? []) m[id] = 'left';
    return m;
  });
  const [dest, setDest] = useState<Record<string, Destination>>(() => {
    const d: Record<string, Destination> = {};
    for (const e of initial?.leftTo ?? []) d[e.personId] = { region: e.toRegionId ? String(e.toRegionId) : '', place: e.leftTo ?? '', leftOn: e.leftOn ?? '' };
    return d;
  });
  const setDestOf = (id: string, part: Partial<Destination>) => setDest((o) => ({ ...o, [id]: { ...(o[id] ?? NO_DESTINATION), ...part } }));
  const save = useSave();
  const marked = (mark: Mark) => Object.entries(marks).filter(([, m]) => m === mark).map(([id]) => id);
  const submit = () =>
    void save.run(() =>
      onSubmit({
        ...(initial?.visitedAt ? { visitedAt: initial.visitedAt } : {}),
        householdId,
        outcome,
        checked,
        presentCount: present.trim() === '' ? undefined : Number(present),
        confirmedPersonIds: marked('confirmed'),
        leftPersonIds: marked('left'),
        ...(destinations ? { leftTo: leftToOf(marked('left'), dest) } : {}),
        note: note.trim() || undefined,
      }),
    );
  const markOptions = [
    { value: 'confirmed' as const, label: t('field.markConfirmed') },
    { value: 'left' as const, label: t('field.markLeft') },
    { value: 'unknown' as const, label: t('field.markUnknown') },
  ];
  return (
    <form className="form" onSubmit={prevent(submit)} noValidate>
      <Field id="visit-outcome" label={t('field.outcome')} error={save.errors.outcome} required>
        <Choice name="outcome" wrap value={outcome} onChange={setOutcome} options={contract.VISIT_OUTCOMES.map((o) => ({ value: o, label: t(`visits.outcomes.${o}`) }))} testId="field-visit-outcome" />
      </Field>
      <Field id="visit-checks" label={t('field.checked')} error={save.errors.checked}>
        <div className="checks" data-testid="field-visit-checks">
          {contract.VISIT_CHECKS.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={checked.includes(c)} onChange={(e) => setChecked((list) => (e.target.checked ? [...list, c] : list.filter((x) => x !== c)))} />
              {t(`visits.checks.${c}`)}
            </label>
          ))}
        </div>
      </Field>
      <Field id="visit-members" label={t('field.membersState')} hint={people.length ? t('field.membersHelp') : undefined}>
        {people.length === 0 ? <p className="muted">{t('field.noMembers')}</p> : null}
        <div data-testid="field-visit-members">
          {people.map((p) => (
            <div key={p.id} className="member">
              <span className="ellipsis">{p.name}</span>
              <Choice name={`mark-${p.id}`} value={marks[p.id] ?? 'unknown'} onChange={(m) => setMarks((o) => ({ ...o, [p.id]: m }))} options={markOptions} testId="field-visit-member-mark" />
              {destinations && marks[p.id] === 'left' ? <LeftTo id={p.id} d={dest[p.id] ?? NO_DESTINATION} set={(part) => setDestOf(p.id, part)} destinations={destinations} /> : null}
            </div>
          ))}
        </div>
        {save.errors.leftTo ? <p className="error">{save.errors.leftTo}</p> : null}
      </Field>
      <Field id="visit-present" label={t('field.presentCount')} error={save.errors.presentCount}>
        <input id="visit-present" className="input narrow" inputMode="numeric" pattern="[0-9]*" maxLength={3} value={present} onChange={(e) => setPresent(e.target.value.replace(/\D/g, ''))} data-testid="field-visit-present" />
      </Field>
      <Field id="visit-note" label={t('field.note')} error={save.errors.note}>
        <textarea id="visit-note" className="input" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} data-testid="field-visit-note" />
      </Field>
      {save.problem ? <Notice kind="error">{save.problem}</Notice> : null}
      <Button kind="primary" type="submit" block busy={save.busy} data-testid="field-visit-save">
        {submitText}
      </Button>
    </form>
  );
}
