// What each role may see and do in the web app. The server enforces the same rules; this only
// decides which menus and buttons appear. (Mirrors TERRITORY_EDITORS / ACCOUNT_MANAGERS on the server.)
import type { Role } from '../../shared/accounts.ts';

const TERRITORY_EDITORS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
const ACCOUNT_MANAGERS: readonly Role[] = ['admin', 'commander', 'town_officer', 'village_secretary'];
const AUDIT_READERS: readonly Role[] = ['admin', 'auditor'];
/** Roles only an admin may grant (the server refuses others with 403). */
export const ADMIN_GRANTED: readonly Role[] = ['admin', 'commander', 'auditor'];

export type Capability = 'territory' | 'territory.edit' | 'users' | 'audit' | 'profile';

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
  }
}
