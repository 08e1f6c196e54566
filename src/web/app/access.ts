// What each role may see and do in the web app: the lists the server enforces, from
// src/shared/accounts.ts; this only decides which menus and buttons appear.
import { ACCOUNT_MANAGERS, ADMIN_GRANTED, AUDIT_READERS, REGISTRARS, type Role, TERRITORY_EDITORS } from '../../shared/accounts.ts';

export { ADMIN_GRANTED };
/** Household pages are for the registrars and the county HQ, which reads them. */
const HOUSEHOLD_READERS: readonly Role[] = [...REGISTRARS, 'commander'];

export type Capability = 'territory' | 'territory.edit' | 'users' | 'audit' | 'profile' | 'households' | 'households.register' | 'forms' | 'forms.sign' | 'field';
/** The offline field app (移动排摸) is for the people who go door to door. */
const FIELD_WORKERS: readonly Role[] = ['grid_worker', 'grid_leader'];

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
      return REGISTRARS.includes(role);
    case 'field':
      return FIELD_WORKERS.includes(role);
    // Registration forms and rental letters: read like households, filled in and signed by registrars.
    case 'forms':
      return HOUSEHOLD_READERS.includes(role);
    case 'forms.sign':
      return REGISTRARS.includes(role);
  }
}
