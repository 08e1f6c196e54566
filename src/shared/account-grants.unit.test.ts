import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './accounts.ts';
import { grantRefusal, grantableRoles, mayGrantRole } from './account-grants.ts';

describe('the grant rule', () => {
  it('lets each manager grant exactly the roles below its own', () => {
    const table: Record<Role, Role[]> = {
      admin: ['commander', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker', 'patrol_member', 'auditor', 'volunteer'],
      commander: ['town_officer', 'village_secretary', 'grid_leader', 'grid_worker', 'patrol_member', 'volunteer'],
      town_officer: ['village_secretary', 'grid_leader', 'grid_worker', 'patrol_member', 'volunteer'],
      village_secretary: ['grid_leader', 'grid_worker', 'volunteer'],
      grid_leader: [],
      grid_worker: [],
      patrol_member: [],
      auditor: [],
      volunteer: [],
    };
    for (const manager of ROLES) expect(grantableRoles(manager), manager).toEqual(table[manager]);
  });

  it('never lets a role grant itself, so no officer makes a peer to approve its own work', () => {
    for (const role of ROLES) expect(mayGrantRole(role, role), role).toBe(false);
  });

  it('names the field and the reason of a refusal', () => {
    const secretary = { role: 'village_secretary' as const, regionPath: '/1/2/3/' };
    const village = { path: '/1/2/3/', level: 'village', active: true };
    const grid = { path: '/1/2/3/9/', level: 'grid', active: true };
    expect(grantRefusal(secretary, { role: 'town_officer', region: village })).toEqual({ path: 'role', message: 'not a role you may grant', kind: 'forbidden' });
    expect(grantRefusal(secretary, { role: 'auditor', region: village })).toEqual({ path: 'role', message: 'admin only', kind: 'forbidden' });
    expect(grantRefusal(secretary, { role: 'grid_worker', region: village })).toEqual({ path: 'regionId', message: 'must be a grid for this role', kind: 'unprocessable' });
    expect(grantRefusal(secretary, { role: 'grid_worker', region: { ...grid, path: '/1/2/4/9/' } })?.path).toBe('regionId');
    expect(grantRefusal(secretary, { role: 'grid_worker', region: { ...grid, active: false } })?.message).toBe('deactivated');
    expect(grantRefusal(secretary, { role: 'grid_worker', region: grid })).toBeNull();
  });
});
