// One household from the phone's copy: where it is, who lives there (numbers masked), and what a
// worker does at the door: record a visit, register a person, fill in and sign a form. Risk
// colours need the server: they show when online, and only for a household the server has
// (one still waiting in the outbox is asked about once it has synced, never before).
import type { RiskColour, RiskPerson } from '../../shared/risk.ts';
import { useLive } from '../../client/offline/live.ts';
import { unsyncedEntityIds } from '../../client/offline/outbox.ts';
import { navigate } from '../../client/router.tsx';
import { api, withQuery } from '../api.ts';
import { useResource } from '../data.ts';
import { Screen } from '../frame.tsx';
import { t } from '../i18n.ts';
import { useMe } from '../session.ts';
import { useDb, useRunnerState } from '../sync.ts';
import { Button, Card, Empty, Tag } from '../ui.tsx';
import { unitLine } from './Home.tsx';

const RISK_TONE: Record<RiskColour, 'green' | 'orange' | 'red'> = { green: 'green', yellow: 'orange', red: 'red' };

export default function Household({ id }: { id: string }) {
  const db = useDb();
  const { online } = useRunnerState();
  // A micro-grid volunteer visits; it registers nothing and sees no risk colour (health is staff's).
  const volunteer = useMe().user.role === 'volunteer';
  const household = useLive(() => db.households.get(id).then((h) => h ?? null), [db, id]);
  const people = useLive(() => db.persons.where('householdId').equals(id).sortBy('name'), [db, id]);
  const unsynced = useLive(() => unsyncedEntityIds(db), [db]);
  const onServer = household ? !household.local : false;
  const risk = useResource(online && onServer && household && !volunteer ? `risk:${id}:${people?.length ?? 0}` : null, () =>
    api<{ items: RiskPerson[] }>(withQuery('/risk/persons', { regionId: household?.regionId, householdId: id, limit: 500 })),
  );
  const colourOf = (personId: string) => risk.data?.items.find((r) => r.personId === personId);

  if (household === null) {
    return (
      <Screen title={t('field.household')} back="/field">
        <Empty>{t('field.householdMissing')}</Empty>
      </Screen>
    );
  }
  return (
    <Screen title={household?.address ?? ''} back="/field">
      {household ? (
        <Card testId="field-household-info">
          <dl className="facts">
            {unitLine(household) ? (
              <>
                <dt>{t('field.unitLine')}</dt>
                <dd>{unitLine(household)}</dd>
              </>
            ) : null}
            <dt>{t('field.kindOfDwelling')}</dt>
            <dd>{household.isRental ? t('field.rental') : t('field.ownUse')}</dd>
            {household.isRental && household.landlordName ? (
              <>
                <dt>{t('field.landlord')}</dt>
                <dd>{`${household.landlordName}${household.landlordPhone ? ` · ${household.landlordPhone}` : ''}`}</dd>
              </>
            ) : null}
            <dt>{t('field.lastVisit')}</dt>
            <dd>{household.lastVisitedOn ?? t('field.neverVisited')}</dd>
          </dl>
          {unsynced?.has(household.id) ? <Tag tone="blue">{t('field.unsynced')}</Tag> : null}
        </Card>
      ) : null}
      <div className="actions">
        <Button kind="primary" onClick={() => navigate(`/field/h/${id}/visit`)} data-testid="field-visit">
          {t('field.visit')}
        </Button>
        {volunteer ? null : (
          <>
            <Button onClick={() => navigate(`/field/h/${id}/person`)} data-testid="field-add-person">
              {t('field.addPerson')}
            </Button>
            {/* 登记表/责任书: filled in and signed at the door; queued in the outbox like the rest. */}
            <Button className="span2" onClick={() => navigate(`/field/h/${id}/form`)} data-testid="field-forms">
              {t('field.forms')}
            </Button>
          </>
        )}
      </div>
      {volunteer ? <p className="muted small">{t('phone.volunteer.noFullRecords')}</p> : null}
      <Card title={t('field.members', { count: people?.length ?? 0 })}>
        {people?.length === 0 ? <Empty>{t('field.noMembers')}</Empty> : null}
        <div data-testid="field-members">
          {people?.map((p) => {
            const r = colourOf(p.id);
            return (
              <div key={p.id} className="member" data-testid="field-member">
                <div className="grow">
                  <div className="ellipsis strong">{p.name}</div>
                  <div className="muted mono small">{[p.idNumber, p.phone].filter(Boolean).join(' · ') || t('field.noNumbers')}</div>
                </div>
                <div className="tags end">
                  <Tag>{t(`persons.categories.${p.category}`)}</Tag>
                  {p.keyPerson ? <Tag tone="red">{t('field.keyPerson')}</Tag> : null}
                  {r && r.colour !== 'green' ? <Tag tone={RISK_TONE[r.colour]} testId="risk-tag">{t(`phone.risk.${r.colour}`)}</Tag> : null}
                  {unsynced?.has(p.id) ? <Tag tone="blue">{t('field.unsynced')}</Tag> : null}
                </div>
              </div>
            );
          })}
        </div>
      </Card>
    </Screen>
  );
}
