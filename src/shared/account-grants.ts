// Who may grant which role, and where: one pure rule, so the web offers only what the server
// will accept and the server enforces the same thing. A manager grants only roles below its own
// (admin > commander > town_officer > village_secretary > grid_leader > grid_worker); the patrol
// member is granted by a town officer or above, the auditor and the commander by an admin only,
// and nobody grants admin through the API (the first admin is made at first start); a village
// secretary or above makes a micro-grid volunteer's light account (below every rank). Each role is
// bound to a region of its own level, inside the manager's subtree.
import { ACCOUNT_MANAGERS, ROLES, type Role } from './accounts.ts';
import type { RegionLevel } from './regions.ts';

/** The level of region each role is bound to. */
export const ROLE_LEVEL: Record<Role, RegionLevel> = {
  admin: 'county',
  commander: 'county',
  auditor: 'county',
  town_officer: 'town',
  patrol_member: 'town',
  village_secretary: 'village',
  grid_leader: 'grid',
  grid_worker: 'grid',
  volunteer: 'microgrid',
};

/** The chain of command; a higher number outranks a lower. Roles outside it have their own rule. */
const RANK: Partial<Record<Role, number>> = {
  admin: 6,
  commander: 5,
  town_officer: 4,
  village_secretary: 3,
  grid_leader: 2,
  grid_worker: 1,
};
const rankOf = (role: Role): number => RANK[role] ?? 0;

/** Roles only an admin grants: they see the whole county or its audit trail. */
const ADMIN_ONLY: readonly Role[] = ['commander', 'auditor'];

/**
 * May an account of role `manager` grant `role` — and so also edit, move, reset or disable an
 * account that holds it? An account it could not have made is not its to change.
 */
export function mayGrantRole(manager: Role, role: Role): boolean {
  if (!ACCOUNT_MANAGERS.includes(manager) || role === 'admin') return false;
  if (ADMIN_ONLY.includes(role)) return manager === 'admin';
  if (role === 'patrol_member') return rankOf(manager) >= rankOf('town_officer');
  return rankOf(role) < rankOf(manager);
}

/** The roles a manager may grant, in the usual order (for the web's role picker). */
export const grantableRoles = (manager: Role): Role[] => ROLES.filter((role) => mayGrantRole(manager, role));

export interface GrantRefusal {
  /** The request field at fault. */
  path: 'role' | 'regionId';
  /** A short English reason; the web translates it (its `server` dictionary). */
  message: string;
  /** 403 when the manager may not do this at all, 422 when the region does not fit the role. */
  kind: 'forbidden' | 'unprocessable';
}

/** The detail message for a region of the wrong level (one per level, so the web can translate it). */
export const wrongLevelMessage = (level: RegionLevel): string => `must be a ${level} for this role`;

/**
 * Why `manager` may not bind an account with `role` to `region`, or null when it may. The region
 * must lie in the manager's subtree (`managerPath` is a prefix of its path).
 */
export function grantRefusal(
  manager: { role: Role; regionPath: string },
  grant: { role: Role; region: { path: string; level: string; active: boolean } },
): GrantRefusal | null {
  if (!mayGrantRole(manager.role, grant.role)) {
    const message = ADMIN_ONLY.includes(grant.role) && manager.role !== 'admin' ? 'admin only' : 'not a role you may grant';
    return { path: 'role', message, kind: 'forbidden' };
  }
  if (!grant.region.path.startsWith(manager.regionPath)) return { path: 'regionId', message: 'outside your region', kind: 'forbidden' };
  const level = ROLE_LEVEL[grant.role];
  if (grant.region.level !== level) return { path: 'regionId', message: wrongLevelMessage(level), kind: 'unprocessable' };
  if (!grant.region.active) return { path: 'regionId', message: 'deactivated', kind: 'unprocessable' };
  return null;
}
