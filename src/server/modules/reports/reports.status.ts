// Who has filed and who has not, over the grids of a subtree, with who is responsible for each
// grid and how to reach them. A county has up to ~5,000 grids: this is a handful of set
// queries (the grids of the range, the day's reports, the staff of those grids) put together
// in code, never a query per grid.
import { z } from 'zod';
import type { DailyReportStatus, GridStatus, StaffContact } from '../../../shared/reports.ts';
import type { Db } from '../../db/schema.ts';
import { toBool } from '../../db/dialect.ts';
import { pathIds } from '../../../shared/region-path.ts';
import * as q from './reports.queries.ts';
import type { DailyReportRow } from './reports.tables.ts';

export type StatusAnswer = z.infer<typeof DailyReportStatus>;
export type GridInfo = z.infer<typeof GridStatus>;
export type MissingGrid = GridInfo & { returned: boolean };

export interface GridBoard {
  grids: (GridInfo & { path: string; report: DailyReportRow | null })[];
}

/** Every grid of the subtree with its place, its responsible staff and its report of the day. */
export async function gridBoard(db: Db, path: string, day: string): Promise<GridBoard> {
  const [grids, reports, staff] = await Promise.all([q.gridsOf(db, path), q.reportsOfDay(db, path, day), q.gridStaffOf(db, path)]);
  const reportOf = new Map(reports.map((r) => [r.region_id, r]));
  const villageIds = [...new Set(grids.map((g) => g.parent_id).filter((x): x is number => x !== null))];
  // Town and village of each grid, whether or not they lie inside the range asked for.
  const placeIds = [...new Set(grids.flatMap((g) => pathIds(g.path).slice(1, -1)))];
  const [secretaries, names] = await Promise.all([q.secretariesOf(db, villageIds), q.regionNames(db, placeIds)]);
  const contact = (u: { id: string; display_name: string; role: string; phone: string | null }): StaffContact => ({ userId: u.id, name: u.display_name, role: u.role, phone: u.phone });
  const byGrid = new Map<number, StaffContact[]>();
  for (const u of staff) byGrid.set(u.region_id, [...(byGrid.get(u.region_id) ?? []), contact(u)]);
  const byVillage = new Map<number, StaffContact[]>();
  for (const u of secretaries) byVillage.set(u.region_id, [...(byVillage.get(u.region_id) ?? []), contact(u)]);
  return {
    grids: grids.map((g) => ({
      regionId: g.id,
      name: g.name,
      path: g.path,
      parentNames: pathIds(g.path)
        .slice(1, -1)
        .map((id) => names.get(id) ?? '')
        .filter(Boolean)
        .join(' '),
      responsible: byGrid.get(g.id) ?? (g.parent_id !== null ? byVillage.get(g.parent_id) : undefined) ?? [],
      report: reportOf.get(g.id) ?? null,
    })),
  };
}

const gridInfo = (g: GridBoard['grids'][number]): GridInfo => ({ regionId: g.regionId, name: g.name, parentNames: g.parentNames, responsible: g.responsible });

/** Returned reports count as missing: they are to be filed again. */
export function missingOf(board: GridBoard): MissingGrid[] {
  return board.grids.filter((g) => g.report?.status !== 'filed').map((g) => ({ ...gridInfo(g), returned: g.report?.status === 'returned' }));
}

export function statusOf(board: GridBoard, day: string, deadline: string): StatusAnswer {
  const filed = board.grids
    .filter((g) => g.report?.status === 'filed')
    .map((g) => {
      const r = g.report as DailyReportRow;
      return { ...gridInfo(g), reportId: r.id, onTime: toBool(r.on_time), zero: toBool(r.zero), filedAt: r.filed_at, status: 'filed' as const };
    });
  const missing = missingOf(board);
  const onTime = filed.filter((f) => f.onTime).length;
  return {
    date: day,
    deadline,
    totals: {
      grids: board.grids.length,
      filed: filed.length,
      onTime,
      late: filed.length - onTime,
      missing: missing.length,
      returned: missing.filter((m) => m.returned).length,
    },
    filed,
    missing,
  };
}
