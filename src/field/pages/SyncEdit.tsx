// 修改后重试: a refused change opens in its own form with what was sent and the server's reasons on
// the fields; saving puts it back into the queue at its old place, under a new key.
import { useMemo } from 'react';
import type { HouseholdInput, PersonInput, VisitInput } from '../../client/offline/household-changes.ts';
import { requeueEdited } from '../../client/offline/household-changes.ts';
import { useLive } from '../../client/offline/live.ts';
import { findEntry } from '../../client/offline/outbox.ts';
import { cachedDestinations } from '../../client/offline/verification-tasks.ts';
import { navigate } from '../../client/router.tsx';
import { Screen } from '../frame.tsx';
import { t } from '../i18n.ts';
import { useDb, useRunner } from '../sync.ts';
import { Empty, toast } from '../ui.tsx';
import { HouseholdForm, PersonForm, VisitForm } from './change-forms.tsx';
import { useHouseholdRegions } from './Door.tsx';
import { fullRefusal, refusalText } from './refusal.ts';

export default function SyncEdit({ entryId }: { entryId: string }) {
  const db = useDb();
  const runner = useRunner();
  const regions = useHouseholdRegions();
  const entry = useLive(() => findEntry(db, entryId).then((e) => e ?? null), [db, entryId]);
  const body = (entry?.body ?? {}) as Record<string, unknown>;
  const householdId = typeof body.householdId === 'string' ? body.householdId : '';
  const people = useLive(() => db.persons.where('householdId').equals(householdId).sortBy('name'), [db, householdId]);
  // A refused visit that named where people went is edited with the same 去向 picker.
  const destinations = useLive(() => cachedDestinations(db), [db]) ?? [];
  const reason = entry?.refusedReason;
  // The server's reasons on the fields they name, in the worker's words.
  const issues = useMemo(() => reason?.details.map((d) => ({ path: d.path, message: refusalText(d.message) })), [reason]);

  const save = async (input: object) => {
    await requeueEdited(db, entryId, input as Record<string, unknown>);
    toast(t('field.requeued'));
    void runner.run(true);
    navigate('/field/sync', { replace: true });
  };

  return (
    <Screen title={t('field.editRetry')} back="/field/sync">
      {entry === null || (entry && entry.status !== 'refused') ? <Empty>{t('field.entryGone')}</Empty> : null}
      {entry && entry.status === 'refused' ? (
        <>
          {reason ? (
            <div className="reason" data-testid="edit-reason">
              {fullRefusal(reason)}
            </div>
          ) : null}
          {entry.kind === 'household' && regions ? (
            <HouseholdForm regions={regions} allowPerson={false} initial={body as Partial<HouseholdInput>} issues={issues} submitText={t('field.requeue')} onSubmit={(h) => save(h)} />
          ) : entry.kind === 'person' ? (
            <PersonForm householdId={householdId} initial={body as Partial<PersonInput>} issues={issues} submitText={t('field.requeue')} onSubmit={save} />
          ) : entry.kind === 'visit' && people ? (
            <VisitForm householdId={householdId} people={people} initial={body as Partial<VisitInput>} destinations={(body as Partial<VisitInput>).leftTo?.length ? destinations : undefined} submitText={t('field.requeue')} onSubmit={save} />
          ) : null}
        </>
      ) : null}
    </Screen>
  );
}
