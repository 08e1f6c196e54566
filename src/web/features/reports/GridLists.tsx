// The grids behind a roll-up: who has not filed (where, who is responsible, a phone to call, a
// reminder to copy) and who has (on time or late, open the report). Table on a desk, cards on a phone.
import { PhoneOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StaffContact } from '../../../shared/reports.ts';
import { dayIn, timeOf } from '../../lib/countyTime.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { CopyButton } from './CopyButton.tsx';
import { type ReminderContext, reminderText } from './reminder.ts';
import { formatDateTime } from '../../lib/format.ts';
import type { FiledGrid, MissingGrid } from './reports.api.ts';

export function Responsible({ people }: { people: StaffContact[] }) {
  const { t } = useTranslation();
  if (!people.length) return <span className="gg-muted">{t('reports.noResponsible')}</span>;
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: '2px 12px' }}>
      {people.map((p) => (
        <span key={p.userId} style={{ whiteSpace: 'nowrap' }}>
          {p.name}
          <span className="gg-muted" style={{ fontSize: 12, marginInlineStart: 4 }}>{t(`roles.${p.role}`, { defaultValue: p.role })}</span>
          {p.phone ? (
            <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`} style={{ marginInlineStart: 6 }} data-testid="responsible-phone">
              <PhoneOutlined /> {p.phone}
            </a>
          ) : null}
        </span>
      ))}
    </span>
  );
}

export function MissingTag({ grid }: { grid: MissingGrid }) {
  const { t } = useTranslation();
  return grid.returned ? <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('reports.status.returned')}</Tag> : <Tag color="default" style={{ marginInlineEnd: 0 }}>{t('reports.status.missing')}</Tag>;
}

interface MissingProps {
  grids: MissingGrid[];
  ctx: ReminderContext;
  /** Hide the "where" column (a list already grouped by village). */
  hideWhere?: boolean;
  /** A village or town may file for the grid (代报): a link to the form for that grid and day. */
  mayFileFor?: boolean;
}

export function MissingGridList({ grids, ctx, hideWhere = false, mayFileFor = false }: MissingProps) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  if (!grids.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noneMissing')} />;
  const copy = (g: MissingGrid) => (
    <Space size={4} wrap>
      <CopyButton size="small" text={() => reminderText(t, g, ctx)} data-testid="reminder-copy" />
      {mayFileFor ? (
        <Link to={`/reports/file?regionId=${g.regionId}&date=${ctx.date}`}>
          <Button size="small" type="link">{t('reports.fileFor')}</Button>
        </Link>
      ) : null}
    </Space>
  );
  if (mobile) {
    return (
      <div className="gg-card-list" data-testid="missing-grids">
        {grids.map((g) => (
          <Card key={g.regionId} size="small" data-testid="missing-grid">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <strong className="gg-ellipsis">{g.name}</strong>
              <MissingTag grid={g} />
            </div>
            {hideWhere ? null : <div className="gg-muted gg-ellipsis" style={{ fontSize: 12 }}>{g.parentNames}</div>}
            <div style={{ margin: '6px 0', fontSize: 13 }}><Responsible people={g.responsible} /></div>
            {copy(g)}
          </Card>
        ))}
      </div>
    );
  }
  return (
    <Table<MissingGrid>
      rowKey="regionId"
      size="small"
      dataSource={grids}
      pagination={grids.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      data-testid="missing-grids"
      onRow={() => ({ 'data-testid': 'missing-grid' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('reports.grid'), dataIndex: 'name', render: (v: string, g) => <span>{v} <MissingTag grid={g} /></span> },
        ...(hideWhere ? [] : [{ title: t('reports.where'), dataIndex: 'parentNames' }]),
        { title: t('reports.responsible'), key: 'responsible', render: (_: unknown, g: MissingGrid) => <Responsible people={g.responsible} /> },
        { title: t('common.actions'), key: 'copy', render: (_: unknown, g: MissingGrid) => copy(g) },
      ]}
    />
  );
}

/** "复制全部提醒": every missing grid's reminder, one per line. */
export function CopyAllButton({ grids, ctx }: { grids: MissingGrid[]; ctx: ReminderContext }) {
  const { t } = useTranslation();
  if (!grids.length) return null;
  return <CopyButton type="primary" size="small" label={t('reports.copyAll', { count: grids.length })} text={() => grids.map((g) => reminderText(t, g, ctx)).join('\n')} data-testid="reminder-copy-all" />;
}

function FiledTags({ grid }: { grid: FiledGrid }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', gap: 4 }}>
      {grid.status === 'returned' ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('reports.status.returned')}</Tag>
      ) : grid.onTime ? (
        <Tag color="green" style={{ marginInlineEnd: 0 }}>{t('reports.status.onTimeShort')}</Tag>
      ) : (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>{t('reports.status.late')}</Tag>
      )}
      {grid.zero ? <Tag style={{ marginInlineEnd: 0 }}>{t('reports.zero')}</Tag> : null}
    </span>
  );
}

export function FiledGridList({ grids, zone, date, onOpen }: { grids: FiledGrid[]; zone: string; date: string; onOpen: (reportId: string) => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  // Filed the same day: the time says it; filed days later (allowed for a week): the full date.
  const when = (iso: string) => (dayIn(zone, new Date(iso)) === date ? timeOf(iso, zone) : formatDateTime(iso));
  if (!grids.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.noneFiled')} />;
  if (mobile) {
    return (
      <div className="gg-card-list" data-testid="filed-grids">
        {grids.map((g) => (
          <Card key={g.regionId} size="small" hoverable onClick={() => onOpen(g.reportId)} data-testid="filed-grid">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <strong className="gg-ellipsis">{g.name}</strong>
              <FiledTags grid={g} />
            </div>
            <div className="gg-muted" style={{ fontSize: 12, display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <span className="gg-ellipsis">{g.parentNames}</span>
              <span style={{ flex: 'none' }}>{when(g.filedAt)}</span>
            </div>
          </Card>
        ))}
      </div>
    );
  }
  return (
    <Table<FiledGrid>
      rowKey="regionId"
      size="small"
      dataSource={grids}
      pagination={grids.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      data-testid="filed-grids"
      onRow={(g) => ({ onClick: () => onOpen(g.reportId), style: { cursor: 'pointer' }, 'data-testid': 'filed-grid' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('reports.grid'), dataIndex: 'name', render: (v: string) => <a>{v}</a> },
        { title: t('reports.where'), dataIndex: 'parentNames' },
        { title: t('common.status'), key: 'status', render: (_: unknown, g) => <FiledTags grid={g} /> },
        { title: t('reports.filedTime'), dataIndex: 'filedAt', render: (v: string) => when(v) },
        { title: t('reports.responsible'), key: 'responsible', render: (_: unknown, g) => <Responsible people={g.responsible} /> },
      ]}
    />
  );
}
