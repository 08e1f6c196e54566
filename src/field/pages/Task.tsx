// One verification task at the door: the person's masked details, why they are listed, where the
// task came from and its deadline; then the outcome, saved on the phone and sent through the
// outbox (works with no signal) with what each outcome needs — left: where to and when;
// duplicate: of which task; wrong information: what is wrong — a note and photos. A person found
// here who is not under control gets home quarantine in the same tap; a registered person links
// to their household; someone not registered can be registered from here, prefilled.
import { useState } from 'react';
import type { Outcome, TaskOutcome } from '../../shared/verification.ts';
import { values } from '../../client/contract-values.ts';
import { en as verificationEn, zh as verificationZh } from '../../shared/verification-words.ts';
import { useLive } from '../../client/offline/live.ts';
import { shrinkPhoto } from '../../client/photos.ts';
import { cachedDestinations, cachedTasks, queuedOutcomes, queueOutcome, queueTaskPhoto } from '../../client/offline/verification-tasks.ts';
import { routeReasonText } from '../../client/route-reason.ts';
import { Link, navigate } from '../../client/router.tsx';
import { Screen } from '../frame.tsx';
import { addTexts, t } from '../i18n.ts';
import { useDb, useRunner } from '../sync.ts';
import { setTaskPrefill, taskPerson } from '../task-register.ts';
import { Button, Card, Choice, Empty, Field, Notice, shortTime, toast, Toggle } from '../ui.tsx';
import { isOverdue, StatusTag, whyListed } from './task-parts.tsx';

addTexts('verification', verificationZh, verificationEn);

const MAX_PHOTOS = 3;
const OPEN: readonly string[] = ['open', 'sent_back'];

const dataUrlOf = (blob: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });

type Errors = Partial<Record<'outcome' | 'movedTo' | 'duplicateOf' | 'note' | 'personId', string>>;

export default function Task({ id }: { id: string }) {
  const db = useDb();
  const runner = useRunner();
  const copy = useLive(async () => {
    const [cached, queued, localPerson, destinations] = await Promise.all([cachedTasks(db), queuedOutcomes(db), taskPerson(db, id), cachedDestinations(db)]);
    const task = cached?.items.find((x) => x.id === id) ?? null;
    const personId = task?.personId ?? localPerson;
    const person = personId ? ((await db.persons.get(personId)) ?? null) : null;
    return { task, queued: queued.get(id) ?? null, personId, localPerson, person, destinations };
  }, [db, id]);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [movedTo, setMovedTo] = useState('');
  /** A grid of the county (the task moves there), or '' for a place outside it typed in movedTo. */
  const [movedToRegion, setMovedToRegion] = useState('');
  const [leftOn, setLeftOn] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [note, setNote] = useState('');
  const [quarantine, setQuarantine] = useState(true);
  const [photos, setPhotos] = useState<{ dataUrl: string }[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  if (copy === undefined) return <Screen title={t('verification.phoneTitle')} back="/field/tasks">{null}</Screen>;
  const { task, queued, personId, localPerson, person, destinations } = copy;
  if (!task) return <Screen title={t('verification.phoneTitle')} back="/field/tasks"><Empty>{t('common.notFound')}</Empty></Screen>;
  const late = isOverdue(task);
  const canRecord = OPEN.includes(task.status) && !queued;

  const addPhotos = async (files: FileList | null) => {
    for (const file of [...(files ?? [])].slice(0, MAX_PHOTOS - photos.length)) {
      const small = await shrinkPhoto(file);
      const dataUrl = await dataUrlOf(small);
      setPhotos((prev) => (prev.length >= MAX_PHOTOS ? prev : [...prev, { dataUrl }]));
    }
  };

  const registerNew = () => {
    setTaskPrefill({ taskId: task.id, address: task.address ?? '', person: { name: task.name, origin: task.origin ?? undefined, arrivedOn: task.arrivedOn ?? undefined, category: 'floating' } });
    navigate('/field/register');
  };

  const save = async () => {
    const found: Errors = {};
    if (!outcome) found.outcome = t('verification.outcomeRequired');
    if (outcome === 'left' && !movedTo.trim() && !movedToRegion) found.movedTo = t('verification.whereRequired');
    if (outcome === 'duplicate' && !duplicateOf.trim()) found.duplicateOf = t('verification.duplicateRequired');
    if (outcome === 'wrong_info' && !note.trim()) found.note = t('verification.wrongRequired');
    const startQuarantine = outcome === 'present_uncontrolled' && quarantine;
    if (startQuarantine && !personId) found.personId = t('verification.needPerson');
    setErrors(found);
    if (Object.keys(found).length || !outcome) return;
    const body: TaskOutcome = {
      outcome,
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(outcome === 'left' ? { movedTo: movedToRegion ? Number(movedToRegion) : movedTo.trim(), ...(leftOn ? { leftOn } : {}) } : {}),
      ...(outcome === 'duplicate' ? { duplicateOf: duplicateOf.trim() } : {}),
      ...(personId && personId !== task.personId ? { personId } : {}),
      ...(startQuarantine ? { startQuarantine: true } : {}),
    };
    setBusy(true);
    try {
      // A person registered on this phone is sent first; the outcome waits for them.
      await queueOutcome(db, task, body, localPerson && localPerson === personId ? [localPerson] : []);
      for (const p of photos) await queueTaskPhoto(db, task, p.dataUrl);
      toast(t('verification.savedQueued'));
      void runner.run(true);
      navigate('/field/tasks', { replace: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={task.name} back="/field/tasks" testId="field-task-page">
      <Card testId="task-facts">
        <dl className="facts">
          <dt>{t('verification.columns.number')}</dt>
          <dd className="mono">{task.number}</dd>
          <dt>{t('verification.fields.idNumber')}</dt>
          <dd className="mono">{task.idNumber ?? '—'}</dd>
          <dt>{t('verification.fields.phone')}</dt>
          <dd className="mono">{task.phone ?? '—'}</dd>
          {task.address ? (
            <>
              <dt>{t('verification.fields.address')}</dt>
              <dd>{task.address}</dd>
            </>
          ) : null}
          <dt>{t('verification.reason')}</dt>
          <dd>{whyListed(task) || '—'}</dd>
          <dt>{t('verification.why')}</dt>
          <dd data-testid="task-why">{routeReasonText(task.routeReason, t)}</dd>
          <dt>{t('verification.columns.dueAt')}</dt>
          <dd className={late ? 'danger' : undefined} data-testid={late ? 'task-overdue' : 'task-due'}>
            {shortTime(task.dueAt)} {late ? `· ${t('verification.overdue')}` : ''}
          </dd>
          <dt>{t('verification.columns.status')}</dt>
          <dd><StatusTag task={task} queued={Boolean(queued)} /></dd>
          {task.reviewNote ? (
            <>
              <dt>{t('verification.reviewNote')}</dt>
              <dd className="danger">{task.reviewNote}</dd>
            </>
          ) : null}
        </dl>
        <div className="actions" style={{ marginTop: 8 }}>
          {person?.householdId ? (
            <Button onClick={() => navigate(`/field/h/${person.householdId}`)} data-testid="task-person-link">{t('verification.linkedPerson')}</Button>
          ) : null}
          {!personId && canRecord ? (
            <Button onClick={registerNew} data-testid="task-register">{t('verification.registerNew')}</Button>
          ) : null}
        </div>
      </Card>
      {queued ? <Notice kind="info" testId="task-queued-note">{t('verification.savedQueued')} · {t(`verification.outcomes.${(queued.body as TaskOutcome | null)?.outcome ?? 'not_found'}`)}</Notice> : null}
      {canRecord ? (
        <Card title={t('verification.recordOutcome')}>
          <form className="form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate data-testid="task-outcome-form">
            <Field id="outcome" label={t('verification.columns.outcome')} error={errors.outcome} required>
              <Choice<Outcome> name="outcome" wrap value={outcome} onChange={setOutcome} options={values.VERIFICATION_OUTCOMES.map((o) => ({ value: o, label: t(`verification.outcomes.${o}`) }))} testId="task-outcome" />
            </Field>
            {outcome === 'left' ? (
              <>
                <Field id="movedToRegion" label={t('verification.whereInCounty')} hint={t('verification.whereInCountyHint')}>
                  <select id="movedToRegion" className="input" value={movedToRegion} onChange={(e) => setMovedToRegion(e.target.value)} data-testid="task-moved-to-region">
                    <option value="">{t('verification.outsideCounty')}</option>
                    {destinations.filter((d) => d.id !== task.regionId).map((d) => <option key={d.id} value={d.id}>{d.label}</option>)}
                  </select>
                </Field>
                {movedToRegion ? null : (
                  <Field id="movedTo" label={t('verification.whereTo')} error={errors.movedTo} required>
                    <input id="movedTo" className="input" maxLength={200} value={movedTo} onChange={(e) => setMovedTo(e.target.value)} placeholder={t('verification.whereToPlaceholder')} data-testid="task-moved-to" />
                  </Field>
                )}
                <Field id="leftOn" label={t('verification.leftOn')}>
                  <input id="leftOn" className="input" type="date" value={leftOn} onChange={(e) => setLeftOn(e.target.value)} data-testid="task-left-on" />
                </Field>
              </>
            ) : null}
            {outcome === 'duplicate' ? (
              <Field id="duplicateOf" label={t('verification.duplicateOf')} error={errors.duplicateOf} required>
                <input id="duplicateOf" className="input mono" maxLength={60} value={duplicateOf} onChange={(e) => setDuplicateOf(e.target.value)} placeholder={t('verification.duplicateOfPlaceholder')} data-testid="task-duplicate-of" />
              </Field>
            ) : null}
            {outcome === 'present_uncontrolled' ? (
              <Field id="quarantine" label="" hint={t('verification.startQuarantineHint')} error={errors.personId}>
                <Toggle checked={quarantine} onChange={setQuarantine} label={t('verification.startQuarantine')} testId="task-quarantine" />
              </Field>
            ) : null}
            <Field id="task-note" label={outcome === 'wrong_info' ? t('verification.whatWrong') : t('verification.note')} error={errors.note} required={outcome === 'wrong_info'}>
              <textarea id="task-note" className="input" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={outcome === 'wrong_info' ? t('verification.whatWrongPlaceholder') : ''} data-testid="task-note" />
            </Field>
            <Field id="task-photos" label={t('verification.photos')} hint={t('verification.photosHint', { max: MAX_PHOTOS })}>
              <div className="photos" data-testid="task-photos">
                {photos.map((p, i) => (
                  <div key={p.dataUrl.slice(-40) + i} className="photo">
                    <img src={p.dataUrl} alt="" />
                    <button type="button" onClick={() => setPhotos((prev) => prev.filter((_, j) => j !== i))} aria-label={t('verification.photoRemove')}>×</button>
                  </div>
                ))}
                {photos.length < MAX_PHOTOS ? (
                  <label className="photo photo-add" aria-label={t('verification.photoAdd')} data-testid="task-photo-add">
                    +
                    <input type="file" accept="image/*" capture="environment" multiple onChange={(e) => void addPhotos(e.target.files)} data-testid="task-photo-input" />
                  </label>
                ) : null}
              </div>
            </Field>
            <Button kind="primary" type="submit" block busy={busy} data-testid="task-save">
              {t('verification.save')}
            </Button>
          </form>
        </Card>
      ) : null}
      <p className="muted small">
        <Link to="/field/sync">{t('field.syncPage')}</Link>
      </p>
    </Screen>
  );
}
