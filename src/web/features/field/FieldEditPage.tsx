// 修改后重试: a refused change opens in its own form with what was sent, the server's reasons on
// the fields; saving puts it back into the queue at its old place, under a new key.
import { App, Empty } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { HouseholdInput, PersonInput, VisitInput } from '../../offline/household-changes.ts';
import { requeueEdited } from '../../offline/household-changes.ts';
import { findEntry } from '../../offline/outbox.ts';
import { FieldFrame } from './FieldFrame.tsx';
import { useRefusalText } from './refusal.ts';
import { HouseholdForm } from './HouseholdForm.tsx';
import { PersonForm } from './PersonForm.tsx';
import { VisitForm } from './VisitForm.tsx';
import { useFieldDb, useLive, useRunner } from './field.sync.ts';

export default function FieldEditPage() {
  const { t } = useTranslation();
  const { entryId = '' } = useParams();
  const db = useFieldDb();
  const runner = useRunner();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const entry = useLive(() => findEntry(db, entryId).then((e) => e ?? null), [db, entryId]);
  const body = (entry?.body ?? {}) as Record<string, unknown>;
  const householdId = typeof body.householdId === 'string' ? body.householdId : '';
  const people = useLive(() => db.persons.where('householdId').equals(householdId).sortBy('name'), [db, householdId]);

  const save = async (input: object) => {
    await requeueEdited(db, entryId, input as Record<string, unknown>);
    void message.success(t('field.requeued'));
    void runner.run(true);
    void navigate('/field/sync', { replace: true });
  };
  const reason = entry?.refusedReason;
  const refusal = useRefusalText();
  // The server's reasons on the fields they name, in the worker's words.
  const issues = useMemo(() => reason?.details.map((d) => ({ path: d.path, message: refusal.text(d.message) })), [reason]);

  return (
    <FieldFrame title={t('field.editRetry')} back="/field/sync">
      {entry === null || (entry && entry.status !== 'refused') ? <Empty description={t('field.entryGone')} /> : null}
      {entry && entry.status === 'refused' ? (
        <>
          {reason ? <div className="gg-field-reason" data-testid="edit-reason">{refusal.full(reason)}</div> : null}
          {entry.kind === 'household' ? (
            <HouseholdForm allowPerson={false} initial={body as Partial<HouseholdInput>} issues={issues} submitText={t('field.requeue')} onSubmit={(h) => save(h)} />
          ) : entry.kind === 'person' ? (
            <PersonForm householdId={householdId} initial={body as Partial<PersonInput>} issues={issues} submitText={t('field.requeue')} onSubmit={save} />
          ) : entry.kind === 'visit' && people ? (
            <VisitForm householdId={householdId} people={people} initial={body as Partial<VisitInput>} submitText={t('field.requeue')} onSubmit={save} />
          ) : null}
        </>
      ) : null}
    </FieldFrame>
  );
}
