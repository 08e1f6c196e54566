// The three field forms as pages: register a new arrival, add a person to a household, record a
// visit. Each saves to the phone (works with no signal), nudges the sync loop and goes back.
import { App, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { queueHousehold, queuePerson, queueVisit } from '../../offline/household-changes.ts';
import { FieldFrame } from './FieldFrame.tsx';
import { HouseholdForm } from './HouseholdForm.tsx';
import { PersonForm } from './PersonForm.tsx';
import { VisitForm } from './VisitForm.tsx';
import { useFieldDb, useLive, useRunner } from './field.sync.ts';

function useSaved() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const runner = useRunner();
  return () => {
    void message.success(runner.getState().online ? t('field.savedSyncing') : t('field.savedOffline'));
    void runner.run(true);
  };
}

export function FieldRegisterPage() {
  const { t } = useTranslation();
  const db = useFieldDb();
  const navigate = useNavigate();
  const saved = useSaved();
  return (
    <FieldFrame title={t('field.registerArrival')} back="/field">
      <HouseholdForm
        allowPerson
        submitText={t('field.saveOnPhone')}
        onSubmit={async (household, person) => {
          const { id } = await queueHousehold(db, household);
          if (person) await queuePerson(db, { ...person, householdId: id });
          saved();
          void navigate(`/field/h/${id}`, { replace: true });
        }}
      />
    </FieldFrame>
  );
}

export function FieldPersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const db = useFieldDb();
  const navigate = useNavigate();
  const saved = useSaved();
  const household = useLive(() => db.households.get(id).then((h) => h ?? null), [db, id]);
  return (
    <FieldFrame title={t('field.addPerson')} back={`/field/h/${id}`}>
      {household === null ? <Empty description={t('field.householdMissing')} /> : null}
      {household ? (
        <>
          <div className="gg-muted">{household.address}</div>
          <PersonForm
            householdId={id}
            initial={{ category: 'floating' }}
            submitText={t('field.saveOnPhone')}
            onSubmit={async (input) => {
              await queuePerson(db, input);
              saved();
              void navigate(`/field/h/${id}`, { replace: true });
            }}
          />
        </>
      ) : null}
    </FieldFrame>
  );
}

export function FieldVisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const db = useFieldDb();
  const navigate = useNavigate();
  const saved = useSaved();
  const household = useLive(() => db.households.get(id).then((h) => h ?? null), [db, id]);
  const people = useLive(() => db.persons.where('householdId').equals(id).sortBy('name'), [db, id]);
  return (
    <FieldFrame title={t('field.visit')} back={`/field/h/${id}`}>
      {household === null ? <Empty description={t('field.householdMissing')} /> : null}
      {household && people ? (
        <>
          <div className="gg-muted">{household.address}</div>
          <VisitForm
            householdId={id}
            people={people}
            submitText={t('field.saveOnPhone')}
            onSubmit={async (input) => {
              await queueVisit(db, input);
              saved();
              void navigate(`/field/h/${id}`, { replace: true });
            }}
          />
        </>
      ) : null}
    </FieldFrame>
  );
}
