// Households as a table (desk) or as cards (phone): address, members, rental, last visit.
import { HomeOutlined } from '@ant-design/icons';
import { Avatar, Card, Empty, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatUnitLine } from '../../../shared/address.ts';
import type { Household } from '../../../shared/households.ts';
import { RecordTable } from '../../lib/RecordTable.tsx';

interface Props {
  rows: Household[];
  loading: boolean;
  onOpen: (h: Household) => void;
}

/** 幢/单元/室 after the address, e.g. "3幢 2单元 501室" (shared/address.ts adds a word only where it is missing). */
export function unitLine(h: Household, language: string): string {
  return formatUnitLine(h, language.startsWith('en') ? 'en' : 'zh');
}

export function LastVisited({ h }: { h: Household }) {
  const { t, i18n } = useTranslation();
  if (!h.lastVisitedOn) return <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('households.neverVisited')}</Tag>;
  return <span>{h.lastVisitedOn}</span>;
}

export function HouseholdTable({ rows, loading, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <RecordTable<Household>
      rows={rows}
      loading={loading}
      emptyText={t('households.empty')}
      testId="household-table"
      onOpen={onOpen}
      columns={[
        {
          title: t('households.address'),
          dataIndex: 'address',
          render: (v: string, h) => (
            <span>
              <a>{v}</a>
              {unitLine(h, i18n.language) ? <span className="gg-muted" style={{ marginInlineStart: 8 }}>{unitLine(h, i18n.language)}</span> : null}
            </span>
          ),
        },
        { title: t('households.members'), dataIndex: 'memberCount', align: 'right', render: (v: number | undefined) => v ?? 0 },
        {
          title: t('households.rental'),
          dataIndex: 'isRental',
          render: (v: boolean) => (v ? <Tag color="purple">{t('households.rentalTag')}</Tag> : <span className="gg-muted">{t('households.ownTag')}</span>),
        },
        { title: t('households.lastVisited'), dataIndex: 'lastVisitedOn', render: (_: unknown, h) => <LastVisited h={h} /> },
      ]}
    />
  );
}

export function HouseholdCards({ rows, loading, onOpen }: Props) {
  const { t, i18n } = useTranslation();
  if (loading) return <Spin style={{ display: 'block', margin: '32px auto' }} />;
  if (!rows.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('households.empty')} />;
  return (
    <div className="gg-card-list" data-testid="household-cards">
      {rows.map((h) => (
        <Card key={h.id} size="small" onClick={() => onOpen(h)} hoverable>
          <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
            <Avatar style={{ background: h.isRental ? '#722ed1' : '#1f5fbf', flex: 'none' }} icon={<HomeOutlined />} />
            <div style={{ minWidth: 0, flex: 1 }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <strong className="gg-ellipsis">{h.address}</strong>
                {h.isRental ? <Tag color="purple" style={{ marginInlineEnd: 0, flex: 'none' }}>{t('households.rentalTag')}</Tag> : null}
              </div>
              {unitLine(h, i18n.language) ? <div className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{unitLine(h, i18n.language)}</div> : null}
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, marginTop: 4, fontSize: 13 }}>
                <span>{t('households.memberCount', { count: h.memberCount ?? 0 })}</span>
                <span>
                  <span className="gg-muted">{t('households.lastVisited')}：</span>
                  <LastVisited h={h} />
                </span>
              </div>
            </div>
          </div>
        </Card>
      ))}
    </div>
  );
}
