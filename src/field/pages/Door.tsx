// The changes made at the door as pages: register a new arrival, add a person to a household,
// record a visit. Each saves to the phone (works with no signal), nudges the sync loop and
// goes back to the household.
import { type ReactNode, useState } from 'react';
import type { CachedPerson } from '../../client/offline/db.ts';
import { queueHousehold, queuePerson, queueVisit } from '../../client/offline/household-changes.ts';
import { useLive } from '../../client/offline/live.ts';
import { childRegions } from '../../client/offline/runners.ts';
import { cachedDestinations } from '../../client/offline/verification-tasks.ts';
import { navigate } from '../../client/router.tsx';
import { Screen } from '../frame.tsx';
import { t } from '../i18n.ts';
import { useMe } from '../session.ts';
import { useDb, useRunner } from '../sync.ts';
import { rememberTaskPerson, takeTaskPrefill } from '../task-register.ts';
import { Empty, Notice, toast } from '../ui.tsx';
import { HouseholdForm, PersonForm, VisitForm } from './change-forms.tsx';

function useSaved(): () => void {
  const runner = useRunner();
  return () => {
    toast(runner.getState().online ? t('field.savedSyncing') : t('field.savedOffline'));
    void runner.run(true);
  };
}

/** The worker's own region and the micro-grids under it (as last pulled): where a household may be registered. */
export function useHouseholdRegions(): { id: number; name: string }[] | undefined {
  const me = useMe();
  const db = useDb();
  const children = useLive(() => childRegions(db), [db]);
  return children ? [{ id: me.region.id, name: me.region.name }, ...children] : undefined;
}

export function Register() {
  const db = useDb();
  const saved = useSaved();
  const regions = useHouseholdRegions();
  // Opened from a verification task: its facts fill the form, and the person goes back to the task.
  const [fromTask] = useState(takeTaskPrefill);
  return (
    <Screen title={t('field.registerArrival')} back={fromTask ? `/field/tasks/${fromTask.taskId}` : '/field'}>
      {regions ? (
        <HouseholdForm
          regions={regions}
          allowPerson
          initial={fromTask ? { address: fromTask.address } : undefined}
          personInitial={fromTask?.person}
          submitText={t('field.saveOnPhone')}
          onSubmit={async (household, person) => {
            const { id } = await queueHousehold(db, household);
            const made = person ? await queuePerson(db, { ...person, householdId: id }) : null;
            if (fromTask && made) await rememberTaskPerson(db, fromTask.taskId, made.id);
            saved();
            navigate(fromTask ? `/field/tasks/${fromTask.taskId}` : `/field/h/${id}`, { replace: true });
          }}
        />
      ) : null}
    </Screen>
  );
}

/** A page about one household of the phone's copy: its address on top, or why it is missing. */
function AtHousehold({ id, title, children }: { id: string; title: string; children: (people: CachedPerson[]) => ReactNode }) {
  const db = useDb();
  const household = useLive(() => db.households.get(id).then((h) => h ?? null), [db, id]);
  const people = useLive(() => db.persons.where('householdId').equals(id).sortBy('name'), [db, id]);
  return (
    <Screen title={title} back={`/field/h/${id}`}>
      {household === null ? <Empty>{t('field.householdMissing')}</Empty> : null}
      {household && people ? (
        <>
          <p className="muted">{household.address}</p>
          {children(people)}
        </>
      ) : null}
    </Screen>
  );
}

export function PersonNew({ id }: { id: string }) {
  const db = useDb();
  const saved = useSaved();
  return (
    <AtHousehold id={id} title={t('field.addPerson')}>
      {() => (
        <PersonForm
          householdId={id}
          initial={{ category: 'floating' }}
          submitText={t('field.saveOnPhone')}
          onSubmit={async (input) => {
            await queuePerson(db, input);
            saved();
            navigate(`/field/h/${id}`, { replace: true });
          }}
        />
      )}
    </AtHousehold>
  );
}

export function VisitNew({ id }: { id: string }) {
  const db = useDb();
  const saved = useSaved();
  const me = useMe().user;
  const volunteer = me.role === 'volunteer';
  // The county's grids as last pulled (readable with no signal), not the worker's own.
  const destinations = useLive(async () => (await cachedDestinations(db)).filter((d) => d.id !== me.regionId), [db, me.regionId]);
  return (
    <AtHousehold id={id} title={t('field.visit')}>
      {(people) => (
        <>
        {/* The server turns a volunteer's "left" into a report for the grid's staff: say so before it is marked. */}
        {volunteer ? <Notice testId="volunteer-left-hint">{t('phone.volunteer.leftHint')}</Notice> : null}
        <VisitForm
          householdId={id}
          people={people}
          destinations={volunteer ? undefined : (destinations ?? [])}
          submitText={t('field.saveOnPhone')}
          onSubmit={async (input) => {
            await queueVisit(db, input);
            saved();
            navigate(`/field/h/${id}`, { replace: true });
          }}
        />
        </>
      )}
    </AtHousehold>
  );
}
