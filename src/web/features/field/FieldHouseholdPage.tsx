// One household from the phone's cache: where it is, who lives there (numbers masked), and the
// two things a worker does at the door: record a visit, register a person.
import { FileTextOutlined, FormOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { unsyncedEntityIds } from '../../offline/outbox.ts';
import { RiskTag } from '../risk/RiskTag.tsx';
import { useHouseholdRisk } from '../risk/useHouseholdRisk.ts';
import { FieldFrame } from './FieldFrame.tsx';
import { unitLine } from './FieldHomePage.tsx';
import { useFieldDb, useLive } from './field.sync.ts';

export default function FieldHouseholdPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const db = useFieldDb();
  const navigate = useNavigate();
  const household = useLive(() => db.households.get(id).then((h) => h ?? null), [db, id]);
  const people = useLive(() => db.persons.where('householdId').equals(id).sortBy('name'), [db, id]);
  const unsynced = useLive(() => unsyncedEntityIds(db), [db]);
  // Colours need the network: offline (or before the first answer) no tag is shown.
  const riskOf = useHouseholdRisk(id, household?.regionId);

  if (household === null) {
    return (
      <FieldFrame title={t('field.household')} back="/field">
        <Empty description={t('field.householdMissing')} />
      </FieldFrame>
    );
  }
  return (
    <FieldFrame title={household?.address ?? ''} back="/field">
      {household ? (
        <Card size="small" data-testid="field-household-info">
          <Descriptions
            size="small"
            column={1}
            items={[
              ...(unitLine(household, t) ? [{ key: 'unit', label: t('field.unitLine'), children: unitLine(household, t) }] : []),
              { key: 'rental', label: t('field.kindOfDwelling'), children: household.isRental ? t('field.rental') : t('field.ownUse') },
              ...(household.isRental && household.landlordName
                ? [{ key: 'landlord', label: t('field.landlord'), children: `${household.landlordName}${household.landlordPhone ? ` · ${household.landlordPhone}` : ''}` }]
                : []),
              { key: 'visited', label: t('field.lastVisit'), children: household.lastVisitedOn ?? t('field.neverVisited') },
            ]}
          />
          {unsynced?.has(household.id) ? <Tag color="blue">{t('field.unsynced')}</Tag> : null}
        </Card>
      ) : null}
      <div className="gg-field-actions">
        <Button type="primary" icon={<FormOutlined />} onClick={() => void navigate(`/field/h/${id}/visit`)} data-testid="field-visit">
          {t('field.visit')}
        </Button>
        <Button icon={<UserAddOutlined />} onClick={() => void navigate(`/field/h/${id}/person`)} data-testid="field-add-person">
          {t('field.addPerson')}
        </Button>
        {/* 登记表/责任书: filled in and signed at the door; queued in the outbox like the rest. */}
        <Button icon={<FileTextOutlined />} onClick={() => void navigate(`/forms/new?householdId=${encodeURIComponent(id)}`)} style={{ gridColumn: '1 / -1' }} data-testid="field-forms">
          {t('field.forms')}
        </Button>
      </div>
      <Card size="small" title={t('field.members', { count: people?.length ?? 0 })}>
        {people?.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.noMembers')} /> : null}
        <div data-testid="field-members">
          {people?.map((p) => (
            <div key={p.id} className="gg-field-member" data-testid="field-member">
              <div style={{ minWidth: 0 }}>
                <div className="gg-ellipsis" style={{ fontWeight: 600 }}>{p.name}</div>
                <div className="gg-muted gg-mono" style={{ fontSize: 12 }}>{[p.idNumber, p.phone].filter(Boolean).join(' · ') || t('field.noNumbers')}</div>
              </div>
              <div className="gg-field-tags" style={{ marginTop: 0, justifyContent: 'flex-end', flex: 'none' }}>
                <Tag>{t(`persons.categories.${p.category}`)}</Tag>
                {p.keyPerson ? <Tag color="red">{t('field.keyPerson')}</Tag> : null}
                {riskOf(p.id) && riskOf(p.id)?.colour !== 'green' ? <RiskTag colour={riskOf(p.id)?.colour ?? 'green'} reasons={riskOf(p.id)?.reasons ?? []} showReasons={false} /> : null}
                {unsynced?.has(p.id) ? <Tag color="blue">{t('field.unsynced')}</Tag> : null}
              </div>
            </div>
          ))}
        </div>
      </Card>
    </FieldFrame>
  );
}
