// Family events as table columns (desk) or cards (phone): kind, host, planned day, place, guests,
// status. The page's PagedRecords puts them in a table or shows the cards, spinner and empty state.
import { Card, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FamilyEvent, FamilyEventKind, FamilyEventStatus } from '../../../shared/family-events.ts';

interface Props {
  rows: FamilyEvent[];
  onOpen: (e: FamilyEvent) => void;
}

const STATUS_COLORS: Record<FamilyEventStatus, string> = { filed: 'orange', guided: 'blue', followed_up: 'green', cancelled: 'default' };
export const KIND_COLORS: Record<FamilyEventKind, string> = { wedding: 'red', banquet: 'gold', funeral: 'default', other: 'purple' };

export function FamilyEventStatusTag({ status }: { status: FamilyEventStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>{t(`familyEvents.statuses.${status}`)}</Tag>;
}

export function KindTag({ kind }: { kind: FamilyEventKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]} style={{ marginInlineEnd: 0 }}>{t(`familyEvents.kinds.${kind}`)}</Tag>;
}

export function useFamilyEventColumns(): TableColumnsType<FamilyEvent> {
  const { t } = useTranslation();
  const dash = <span className="gg-muted">—</span>;
  return [
    { title: t('familyEvents.kind'), dataIndex: 'kind', render: (v: FamilyEventKind) => <KindTag kind={v} /> },
    { title: t('familyEvents.hostName'), dataIndex: 'hostName', render: (v: string, e) => <a>{v}{e.hostPhone ? <span className="gg-muted"> {e.hostPhone}</span> : null}</a> },
    { title: t('familyEvents.plannedOn'), dataIndex: 'plannedOn' },
    { title: t('familyEvents.place'), dataIndex: 'place' },
    { title: t('familyEvents.region'), dataIndex: 'regionName' },
    { title: t('familyEvents.expectedGuests'), dataIndex: 'expectedGuests', align: 'right' },
    { title: t('familyEvents.decision'), dataIndex: 'decision', render: (v: FamilyEvent['decision']) => (v ? t(`familyEvents.decisions.${v}`) : dash) },
    { title: t('common.status'), dataIndex: 'status', render: (v: FamilyEventStatus) => <FamilyEventStatusTag status={v} /> },
  ];
}

export function FamilyEventCards({ rows, onOpen }: Props) {
  const { t } = useTranslation();
  return (
    <div className="gg-card-list" data-testid="family-event-cards">
      {rows.map((e) => (
        <Card key={e.id} size="small" onClick={() => onOpen(e)} hoverable>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
            <span style={{ display: 'flex', gap: 6, alignItems: 'center', minWidth: 0 }}>
              <KindTag kind={e.kind} />
              <strong className="gg-ellipsis">{e.hostName}</strong>
            </span>
            <span style={{ flex: 'none' }}><FamilyEventStatusTag status={e.status} /></span>
          </div>
          <div className="gg-muted gg-ellipsis" style={{ fontSize: 12, marginTop: 4 }}>{e.regionName} · {e.place}</div>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 13 }}>
            <span>{e.plannedOn} · {t('familyEvents.guestsUnit', { count: e.expectedGuests })}</span>
            <span className="gg-ellipsis">{e.decision ? t(`familyEvents.decisions.${e.decision}`) : ''}</span>
          </div>
        </Card>
      ))}
    </div>
  );
}
