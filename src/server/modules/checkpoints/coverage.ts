// The pre-removal check (撤卡不撤管): a checkpoint's village may lose it only when control has
// moved inside — every active grid of the village has an active grid worker or grid leader, and
// an active patrol team works in the village or in its town. A grid's checkpoint answers for its
// village; a town's checkpoint for every village of the town.
import type { Coverage } from '../../../shared/checkpoints.ts';
import type { Db } from '../../db/schema.ts';
import type { ErrorDetail } from '../../../shared/errors.ts';
import { subtreeRange } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import type { Role } from '../../../shared/accounts.ts';
import { childRegions, regionFields } from '../regions/regions.queries.ts';
import { DB_TRUE } from '../../db/dialect.ts';

interface RegionLite {
  id: number;
  name: string;
  path: string;
  level: string;
  parent_id: number | null;
}

const GRID_STAFF: Role[] = ['grid_worker', 'grid_leader'];

const regionById = (db: Db, id: number) =>
  regionFields(db, id, ['id', 'name', 'path', 'level', 'parent_id']);

export async function coverageOf(db: Db, regionId: number): Promise<Coverage> {
  const region = await regionById(db, regionId);
  if (!region) throw new AppError('NOT_FOUND', 'region not found');
  // The region whose villages are checked, and the town whose team also counts.
  let root: RegionLite = region;
  if (region.level === 'grid' && region.parent_id !== null) root = (await regionById(db, region.parent_id)) ?? region;
  const townId = root.level === 'town' ? root.id : root.parent_id;

  const villages: RegionLite[] =
    root.level === 'town'
      ? await childRegions(db, root.id, ['id', 'name', 'path', 'level', 'parent_id'], { level: 'village', activeOnly: true })
      : [root];
  const villageIds = villages.map((v) => v.id);

  const grids = villageIds.length
    ? await db.selectFrom('regions').select(['id', 'name', 'path', 'parent_id']).where('parent_id', 'in', villageIds).where('level', '=', 'grid').where('active', '=', DB_TRUE).orderBy('code').execute()
    : [];
  const [lo, hi] = subtreeRange(root.path);
  const staffPaths = (
    await db
      .selectFrom('users as u')
      .innerJoin('regions as r', 'r.id', 'u.region_id')
      .select('r.path')
      .distinct()
      .where('u.active', '=', DB_TRUE)
      .where('u.role', 'in', GRID_STAFF)
      .where('r.path', '>=', lo)
      .where('r.path', '<', hi)
      .execute()
  ).map((r) => r.path);

  const gridsWithoutStaff = grids.filter((g) => !staffPaths.some((p) => p.startsWith(g.path))).map((g) => ({ regionId: g.id, name: g.name }));
  // A village with no grid at all has no grid coverage either.
  for (const v of villages) if (!grids.some((g) => g.parent_id === v.id)) gridsWithoutStaff.push({ regionId: v.id, name: v.name });

  const teamRegions = townId === null ? villageIds : [...villageIds, townId];
  const teams = teamRegions.length
    ? await db.selectFrom('patrol_teams').select(['id', 'name', 'kind', 'region_id']).where('region_id', 'in', teamRegions).where('active', '=', DB_TRUE).orderBy('id').execute()
    : [];
  const townHasTeam = townId !== null && teams.some((t) => t.region_id === townId);
  const villagesWithoutPatrol = townHasTeam
    ? []
    : villages.filter((v) => !teams.some((t) => t.region_id === v.id)).map((v) => ({ regionId: v.id, name: v.name }));

  return {
    ok: gridsWithoutStaff.length === 0 && villagesWithoutPatrol.length === 0,
    village: { id: root.id, name: root.name },
    gridsWithoutStaff,
    villagesWithoutPatrol,
    patrolTeams: teams.map((t) => ({ id: t.id, name: t.name, kind: t.kind as 'persuasion' | 'inspection' })),
  };
}

/** The 409 body's details: each grid without staff, and "patrolTeam" for each village without one. */
export function coverageDetails(c: Coverage): ErrorDetail[] {
  return [
    ...c.gridsWithoutStaff.map((g) => ({ path: `grid:${g.regionId}`, message: `${g.name}: no active grid worker or grid leader` })),
    ...c.villagesWithoutPatrol.map((v) => ({ path: 'patrolTeam', message: `${v.name}: no active patrol team in the village or its town` })),
  ];
}
