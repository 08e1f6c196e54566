// The 工作台's tiles: what each role does first comes first (a grid worker's first tile is the
// phone app for door-to-door work, an admin's the territory), and every tile says in a line what
// it is for — in words that fit the role (who may only look at the territory is not told to maintain it).
import type { Role } from '../../shared/accounts.ts';
import { can } from './access.ts';

/** Per role, the paths in the order the role needs them; anything else the role may open follows in menu order. */
export const ROLE_FIRST: Record<Role, readonly string[]> = {
  grid_worker: ['/field', '/verification/tasks', '/households', '/persons', '/reports/file', '/forms', '/quarantine', '/family-events', '/arrivals', '/tips'],
  grid_leader: ['/field', '/verification/tasks', '/reports/file', '/households', '/persons', '/quarantine', '/forms', '/family-events', '/arrivals', '/tips'],
  village_secretary: ['/reports', '/households', '/persons', '/quarantine', '/arrivals', '/family-events', '/checkpoints', '/forms', '/tips', '/field'],
  town_officer: ['/dashboard', '/reports', '/verification', '/checkpoints', '/quarantine', '/inspections', '/rectifications', '/tips', '/patrol-teams', '/patrols'],
  commander: ['/dashboard', '/reports', '/verification', '/checkpoints', '/quarantine', '/risk', '/tips', '/inspections', '/rectifications', '/notices'],
  patrol_member: ['/field', '/patrols', '/inspections', '/rectifications', '/checkpoints'],
  auditor: ['/audit', '/dashboard'],
  volunteer: ['/field'],
  admin: ['/territory', '/users', '/settings', '/audit', '/dashboard', '/risk'],
};

/** Orders `entries` (menu order) for `role`. */
export function orderForRole<T extends { path: string }>(role: Role, entries: readonly T[]): T[] {
  const first = ROLE_FIRST[role];
  const rank = (p: string) => {
    const i = first.indexOf(p);
    return i === -1 ? first.length : i;
  };
  return entries.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.path) - rank(b.e.path) || a.i - b.i).map(({ e }) => e);
}

/** The i18n key of a tile's one line. */
export function tileLineKey(role: Role, path: string): string {
  if (path === '/territory') return can(role, 'territory.edit') ? 'homeTiles.territoryEdit' : 'homeTiles.territoryView';
  return `homeTiles.lines.${path.replace(/^\//, '').replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()) || 'home'}`;
}
