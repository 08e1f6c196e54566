// What each role may see and do in the web app. The server enforces the same rules; this only
// decides which menus and buttons appear. (Mirrors TERRITORY_EDITORS / ACCOUNT_MANAGERS on the server.)
import type { Role } from '../../shared/accounts.ts';

const TERRITORY_EDITORS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
const ACCOUNT_MANAGERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
const AUDIT_READERS: readonly Role[] = ['admin', 'auditor'];
const HOUSEHOLD_READERS: readonly Role[] = ['admin', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker', 'commander'];
/** Register households, people and visits; reveal full numbers (REGISTRARS / REVEAL_ROLES on the server). */
const HOUSEHOLD_REGISTRARS: readonly Role[] = ['admin', 'town_officer', 'village_secretary', 'grid_leader', 'grid_worker'];
/** Roles only an admin may grant (the server refuses others with 403). */
export const ADMIN_GRANTED: readonly Role[] = ['admin', 'commander', 'auditor'];

export type Capability = 'territory' | 'territory.edit' | 'users' | 'audit' | 'profile' | 'households' | 'households.register';

export function can(role: Role, capability: Capability): boolean {
  switch (capability) {
    case 'territory':
    case 'profile':
      return true;
    case 'territory.edit':
      return TERRITORY_EDITORS.includes(role);
    case 'users':
      return ACCOUNT_MANAGERS.includes(role);
    case 'audit':
      return AUDIT_READERS.includes(role);
    case 'households':
      return HOUSEHOLD_READERS.includes(role);
    case 'households.register':
      return HOUSEHOLD_REGISTRARS.includes(role);
  }
}
