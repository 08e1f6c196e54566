// The county's missing grids for 上报提醒, grouped by town: one line per town (its count and a
// "copy all" for it), opened on demand. Only an open town's grids are drawn; a town with many
// grids draws them in a virtual table (only the rows in view exist), so a county of 1,099 or
// 5,000 grids is interactive at once instead of drawing hundreds of tables.
import { Collapse, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { CopyAllButton, MissingGridList, MissingTag, Responsible } from './GridLists.tsx';
import { CopyButton } from './CopyButton.tsx';
import { type ReminderContext, reminderText } from './reminder.ts';
import type { MissingGrid } from './reports.api.ts';

/** Up to this many grids a town is drawn village by village; above, as one virtual table. */
const PLAIN_TOWN = 60;
/** Up to this many grids in all, every town starts open. */
const OPEN_ALL = 60;

export interface TownGroup {
  town: string;
  grids: MissingGrid[];
  villages: [string, MissingGrid[]][];
}

/** "X镇 Y村" → town X镇, village Y村; in the server's order (code order). */
export function groupByTown(grids: readonly MissingGrid[]): TownGroup[] {
  const towns = new Map<string, Map<string, MissingGrid[]>>();
  for (const g of grids) {
    const [town = '', ...rest] = g.parentNames.trim().split(/\s+/);
    const village = rest.join(' ');
    let villages = towns.get(town);
    if (!villages) towns.set(town, (villages = new Map()));
    const list = villages.get(village);
    if (list) list.push(g);
    else villages.set(village, [g]);
  }
  return [...towns.entries()].map(([town, villages]) => ({ town, villages: [...villages.entries()], grids: [...villages.values()].flat() }));
}

function VillageBlocks({ group, ctx }: { group: TownGroup; ctx: ReminderContext }) {
  const { t } = useTranslation();
  return (
    <>
      {group.villages.map(([village, grids]) => (
        <div key={village} style={{ marginBottom: 16 }} data-testid="reminder-village">
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 8, marginBottom: 8, flexWrap: 'wrap' }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {village || group.town || t('reports.grid')}
              <span className="gg-muted" style={{ fontWeight: 400, fontSize: 13, marginInlineStart: 8 }}>{t('reports.reminders.gridCount', { count: grids.length })}</span>
            </Typography.Title>
            {group.villages.length > 1 ? <CopyAllButton grids={grids} ctx={ctx} /> : null}
          </div>
          <MissingGridList grids={grids} ctx={ctx} hideWhere />
        </div>
      ))}
    </>
  );
}

/** A large town: every grid in one virtual table (village as a column), rows drawn as they scroll into view. */
function VirtualTown({ group, ctx }: { group: TownGroup; ctx: ReminderContext }) {
  const { t } = useTranslation();
  const rows = useMemo(() => group.villages.flatMap(([village, grids]) => grids.map((g) => ({ ...g, village }))), [group]);
  return (
    <Table
      virtual
      rowKey="regionId"
      size="small"
      dataSource={rows}
      pagination={false}
      scroll={{ y: 480, x: 720 }}
      data-testid="missing-grids"
      onRow={() => ({ 'data-testid': 'missing-grid' }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('reports.grid'), dataIndex: 'name', width: 200, render: (v: string, g) => <span>{v} <MissingTag grid={g} /></span> },
        { title: t('reports.region'), dataIndex: 'village', width: 140 },
        { title: t('reports.responsible'), key: 'responsible', render: (_: unknown, g) => <Responsible people={g.responsible} /> },
        { title: t('common.actions'), key: 'copy', width: 120, render: (_: unknown, g) => <CopyButton size="small" text={() => reminderText(t, g, ctx)} data-testid="reminder-copy" /> },
      ]}
    />
  );
}

export function RemindersByTown({ grids, ctx }: { grids: MissingGrid[]; ctx: ReminderContext }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const groups = useMemo(() => groupByTown(grids), [grids]);
  const [open, setOpen] = useState<string[] | null>(null);
  // Until the user opens or closes one: all open for a short list (a village's or a town's), none for a county.
  const active = open ?? (grids.length <= OPEN_ALL || groups.length === 1 ? groups.map((g) => g.town) : []);
  if (groups.length === 0) return <MissingGridList grids={[]} ctx={ctx} />;
  return (
    <Collapse
      activeKey={active}
      onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
      destroyOnHidden
      data-testid="reminder-towns"
      items={groups.map((group) => ({
        key: group.town,
        label: (
          <span data-testid="reminder-town">
            <strong>{group.town || t('reports.region')}</strong>
            <span className="gg-muted" style={{ marginInlineStart: 8, fontSize: 13 }}>
              {t('reports.reminders.townCount', { count: group.grids.length, villages: group.villages.length })}
            </span>
          </span>
        ),
        extra: (
          // The copy button must not open or close the town.
          // biome-ignore lint/a11y/noStaticElementInteractions: stops the header's click only
          <span onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
            <CopyAllButton grids={group.grids} ctx={ctx} />
          </span>
        ),
        children: group.grids.length > PLAIN_TOWN && !mobile ? <VirtualTown group={group} ctx={ctx} /> : <VillageBlocks group={group} ctx={ctx} />,
      }))}
    />
  );
}
