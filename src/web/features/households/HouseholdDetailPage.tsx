// One household: where it is, who lives there (numbers masked; a purpose-bound reveal), and its
// visits as a timeline, and the change history of the household and of each person (?person=<id>
// opens that person's, the audit log's link). Registering roles add people and record visits here.
import { AlertOutlined, ArrowLeftOutlined, EditOutlined, EyeOutlined, FileSearchOutlined, HistoryOutlined, LogoutOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Drawer, Empty, List, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Person, Visit } from '../../../shared/households.ts';
import { CATEGORY_LABELS_ZH } from '../../../shared/labels.ts';
import { can } from '../../app/access.ts';
import { useMe } from '../../app/auth.tsx';
import { useErrorText } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { CreateOrderDrawer } from '../quarantine/CreateOrderDrawer.tsx';
import { RegionName } from '../regions/RegionName.tsx';
import { RiskTag } from '../risk/RiskTag.tsx';
import { useHouseholdRisk } from '../risk/useHouseholdRisk.ts';
import { getHousehold, householdKeys, listPersonsOf, listVisits } from './households.api.ts';
import { LastVisited, unitLine } from './HouseholdList.tsx';
import { ChangeHistory } from './ChangeHistory.tsx';
import { HouseholdDrawer } from './HouseholdDrawer.tsx';
import { PersonDrawer } from './PersonDrawer.tsx';
import { ProposeHandoverModal } from '../handovers/ProposeHandoverModal.tsx';
import { DepartureModal } from './DepartureModal.tsx';
import { RevealModal } from './RevealModal.tsx';
import { VisitDrawer } from './VisitDrawer.tsx';

const OUTCOME_COLORS: Record<Visit['outcome'], string> = { verified: 'green', updated: 'blue', nobody_home: 'gray', refused: 'red', moved_out: 'orange' };

export default function HouseholdDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const errorText = useErrorText();
  const [addingPerson, setAddingPerson] = useState(false);
  const [visiting, setVisiting] = useState(false);
  const [revealing, setRevealing] = useState<Person | null>(null);
  const [editingPerson, setEditingPerson] = useState<Person | null>(null);
  const [editingHousehold, setEditingHousehold] = useState(false);
  const [quarantining, setQuarantining] = useState<Person | null>(null);
  const [handingOver, setHandingOver] = useState<Person | null>(null);
  const [departing, setDeparting] = useState<Person | null>(null);
  const [params, setParams] = useSearchParams();
  const historyOf = params.get('person');
  const showHistory = (personId: string | null) => setParams(personId ? { person: personId } : {}, { replace: true });
  const mayRegister = can(me.user.role, 'households.register');
  const mayQuarantine = can(me.user.role, 'quarantine.work');
  const mayHandOver = can(me.user.role, 'handovers.work');

  const household = useQuery({ queryKey: householdKeys.detail(id), queryFn: () => getHousehold(id) });
  const persons = useQuery({ queryKey: householdKeys.persons(id), queryFn: () => listPersonsOf(id) });
  const visits = useQuery({ queryKey: householdKeys.visits(id), queryFn: () => listVisits(id) });
  const people = persons.data?.items ?? [];
  const riskOf = useHouseholdRisk(id, household.data?.regionId);
  const categoryLabel = (c: Person['category']) => (i18n.language === 'en' ? t(`persons.categories.${c}`) : CATEGORY_LABELS_ZH[c]);

  if (household.isPending) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (household.isError) {
    return (
      <div className="gg-page">
        <Alert type="error" showIcon title={errorText(household.error)} action={<Link to="/households">{t('households.back')}</Link>} />
      </div>
    );
  }
  const h = household.data;

  return (
    <div className="gg-page" data-testid="household-detail">
      <div className="gg-page-title">
        <Space size={8} style={{ minWidth: 0 }}>
          <Link to="/households" aria-label={t('households.back')}><ArrowLeftOutlined /></Link>
          <Typography.Title level={2} ellipsis style={{ minWidth: 0 }}>{h.address}</Typography.Title>
        </Space>
        {mayRegister ? (
          <Space wrap>
            <Button icon={<UserAddOutlined />} onClick={() => setAddingPerson(true)} data-testid="person-create">{t('persons.create')}</Button>
            <Link to={`/forms/new?householdId=${h.id}`}><Button data-testid="form-create-from-household">{t('forms.createFromHousehold')}</Button></Link>
            <Button type="primary" icon={<FileSearchOutlined />} onClick={() => setVisiting(true)} data-testid="visit-create">{t('visits.create')}</Button>
          </Space>
        ) : null}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: mobile ? '1fr' : 'minmax(0, 3fr) minmax(0, 2fr)', gap: 16, alignItems: 'start' }}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={t('households.info')}
            styles={{ body: { padding: mobile ? 12 : 24 } }}
            extra={mayRegister ? (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditingHousehold(true)} data-testid="household-edit">{t('householdEdit.edit')}</Button>
            ) : null}
          >
            <Descriptions column={mobile ? 1 : 2} size="small">
              <Descriptions.Item label={t('households.grid')}><RegionName id={h.regionId} /></Descriptions.Item>
              <Descriptions.Item label={t('households.unitLine')}>{unitLine(h, i18n.language) || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('households.rental')}>
                {h.isRental ? <Tag color="purple">{t('households.rentalTag')}</Tag> : t('households.ownTag')}
              </Descriptions.Item>
              <Descriptions.Item label={t('households.lastVisited')}><LastVisited h={h} /></Descriptions.Item>
              {h.isRental ? (
                <>
                  <Descriptions.Item label={t('households.landlordName')}>{h.landlordName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={t('households.landlordPhone')}><span className="gg-mono">{h.landlordPhone ?? '—'}</span></Descriptions.Item>
                </>
              ) : null}
            </Descriptions>
          </Card>
          <Card title={t('persons.title', { count: people.length })} styles={{ body: { padding: mobile ? 12 : 24 } }}>
            {persons.isError ? <Alert type="error" showIcon title={errorText(persons.error)} /> : null}
            <List<Person>
              loading={persons.isPending}
              dataSource={people}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('persons.empty')} /> }}
              data-testid="person-list"
              renderItem={(p) => (
                <List.Item
                  actions={(mayRegister ? [
                    <Button key="edit" type="link" size="small" icon={<EditOutlined />} onClick={() => setEditingPerson(p)} data-testid="person-edit">
                      {mobile ? null : t('householdEdit.edit')}
                    </Button>,
                    ...(p.idNumber || p.phone ? [<Button key="reveal" type="link" size="small" icon={<EyeOutlined />} onClick={() => setRevealing(p)} data-testid="person-reveal">
                      {mobile ? null : t('persons.reveal')}
                    </Button>] : []),
                  ] : []).concat(mayQuarantine ? [
                    <Button key="quarantine" type="link" size="small" icon={<AlertOutlined />} onClick={() => setQuarantining(p)} title={t('quarantine.create')} data-testid="person-quarantine">
                      {mobile ? null : t('quarantine.nav')}
                    </Button>,
                  ] : []).concat(mayHandOver ? [
                    <Button key="handover" type="link" size="small" icon={<SwapOutlined />} onClick={() => setHandingOver(p)} title={t('handovers.propose')} data-testid="person-handover">
                      {mobile ? null : t('handovers.propose')}
                    </Button>,
                  ] : []).concat(mayRegister ? [
                    <Button key="departure" type="link" size="small" icon={<LogoutOutlined />} onClick={() => setDeparting(p)} title={t('departures.record')} data-testid="person-departure">
                      {mobile ? null : t('departures.record')}
                    </Button>,
                  ] : []).concat([
                    <Button key="history" type="link" size="small" icon={<HistoryOutlined />} onClick={() => showHistory(p.id)} title={t('householdEdit.history.show')} data-testid="person-history-open">
                      {mobile ? null : t('householdEdit.history.show')}
                    </Button>,
                  ])}
                >
                  <List.Item.Meta
                    title={
                      <Space size={6} wrap>
                        <span>{p.name}</span>
                        <Tag color="blue" style={{ marginInlineEnd: 0 }}>{categoryLabel(p.category)}</Tag>
                        {p.keyPerson ? <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('persons.keyPersonTag')}</Tag> : null}
                        {riskOf(p.id) ? <RiskTag colour={riskOf(p.id)?.colour ?? 'green'} reasons={riskOf(p.id)?.reasons ?? []} /> : null}
                      </Space>
                    }
                    description={
                      <div style={{ fontSize: 13 }}>
                        <div className="gg-mono">{p.idNumber ?? '—'}{p.phone ? ` · ${p.phone}` : ''}</div>
                        {p.category === 'returnee' && (p.origin || p.arrivedOn) ? <div>{t('persons.returneeLine', { origin: p.origin ?? '—', date: p.arrivedOn ?? '—' })}</div> : null}
                        {p.employer ? <div>{t('persons.employer')}：{p.employer}</div> : null}
                        {p.keyPerson && p.keyPersonReason ? <div>{t('persons.keyPersonReason')}：{p.keyPersonReason}</div> : null}
                      </div>
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Space>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('visits.history')} styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="visit-history">
          {visits.isError ? <Alert type="error" showIcon title={errorText(visits.error)} /> : null}
          {visits.isPending ? <Spin style={{ display: 'block', margin: '16px auto' }} /> : null}
          {visits.data && visits.data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('visits.empty')} /> : null}
          {visits.data && visits.data.items.length > 0 ? (
            <Timeline
              items={visits.data.items.map((v) => ({
                color: OUTCOME_COLORS[v.outcome],
                content: (
                  <div>
                    <Space size={6} wrap>
                      <Tag color={OUTCOME_COLORS[v.outcome]} style={{ marginInlineEnd: 0 }}>{t(`visits.outcomes.${v.outcome}`)}</Tag>
                      <span className="gg-muted" style={{ fontSize: 12 }}>{formatDateTime(v.visitedAt)}</span>
                    </Space>
                    {v.checked.length ? (
                      <div style={{ fontSize: 13, marginTop: 4 }}>
                        {t('visits.checked')}：{v.checked.map((c) => t(`visits.checks.${c}`, { defaultValue: c })).join('、')}
                      </div>
                    ) : null}
                    {v.presentCount !== null ? <div style={{ fontSize: 13 }}>{t('visits.presentCount')}：{v.presentCount}</div> : null}
                    {v.note ? <div style={{ fontSize: 13, whiteSpace: 'pre-wrap' }}>{v.note}</div> : null}
                  </div>
                ),
              }))}
            />
          ) : null}
        </Card>
        <Card title={t('householdEdit.history.title')} styles={{ body: { padding: mobile ? 12 : 24 } }} data-testid="household-history-card">
          <ChangeHistory entity="household" id={h.id} />
        </Card>
        </Space>
      </div>
      <Drawer
        open={historyOf !== null}
        onClose={() => showHistory(null)}
        title={t('householdEdit.history.personTitle', { name: people.find((p) => p.id === historyOf)?.name ?? '' })}
        size={mobile ? '100%' : 480}
        destroyOnHidden
        data-testid="person-history-drawer"
      >
        {historyOf ? <ChangeHistory entity="person" id={historyOf} /> : null}
      </Drawer>
      <PersonDrawer householdId={h.id} open={addingPerson} onClose={() => setAddingPerson(false)} />
      <VisitDrawer householdId={h.id} people={people} open={visiting} onClose={() => setVisiting(false)} />
      <RevealModal person={revealing} onClose={() => setRevealing(null)} />
      <PersonDrawer householdId={h.id} open={editingPerson !== null} person={editingPerson} onClose={() => setEditingPerson(null)} />
      <HouseholdDrawer open={editingHousehold} household={h} onClose={() => setEditingHousehold(false)} />
      <ProposeHandoverModal
        person={handingOver}
        onClose={() => setHandingOver(null)}
        onElsewhere={mayRegister ? () => { setDeparting(handingOver); setHandingOver(null); } : undefined}
      />
      <DepartureModal person={departing} onClose={() => setDeparting(null)} />
      <CreateOrderDrawer open={quarantining !== null} person={quarantining ?? undefined} onClose={() => setQuarantining(null)} />
    </div>
  );
}
