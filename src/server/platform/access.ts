// What a route declares about who may call it and which region it touches.
// One hook (scope.ts) enforces it; handlers read the resolved region from request.scope.
import type { Role } from '../../shared/accounts.ts';

/**
 * The kinds of record a route may name by id (`{ param: 'id', entity: 'tip' }`). The platform
 * knows none of them: each module adds its own in its definition (`<name>.module.ts`), next to
 * the resolver that tells a record's region, by extending this interface:
 * `declare module '../../platform/access.ts' { interface EntityKinds { tip: true } }`.
 * A route naming an undeclared kind does not compile, nor does app.ts while a declared kind has
 * no resolver.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, module by module
export interface EntityKinds {}
export type EntityKind = keyof EntityKinds & string;

export type ScopeSource =
  /** The region id is in a body field (POST/PATCH); absent → the caller's own region.
   *  With `entity`, the field holds a record id and the record's region counts. */
  | { body: string; entity?: EntityKind }
  /** The region id (or, with `entity`, a record id) is in a query parameter. */
  | { query: string; entity?: EntityKind }
  /** A record id in a path parameter; the resolver of its kind tells its region. */
  | { param: string; entity: EntityKind };

export type Access =
  /** No account needed: the public pages. */
  | { public: true }
  /** Signed in; touches only the caller's own account (sign-out, my tokens). */
  | {
      self: true;
      roles?: readonly Role[];
      /** Open to an account that must still choose its own password (who am I, change it, sign out). */
      beforePasswordChange?: true;
    }
  /** Signed in with one of `roles`; every source present must lie in the caller's subtree. */
  | {
      roles?: readonly Role[];
      scope: readonly ScopeSource[];
      /** A POST that only reads (a search whose text may be an ID or phone number, kept out of URLs): read-only roles may call it. */
      readsOnly?: true;
      /** Open to the light roles (LIGHT_ROLES) too; every other scoped route refuses them, whatever its role list says. */
      lightRoles?: true;
    };

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  regionId: number;
  regionPath: string;
  regionLevel: string;
  authKind: 'session' | 'token';
  sessionId: string;
  csrfToken: string | null;
  /** A manager set its password: every route but the few marked `beforePasswordChange` is refused. */
  mustChangePassword: boolean;
}

export interface ScopedRegion {
  id: number;
  path: string;
  level: string;
}

/**
 * Light accounts (a micro-grid volunteer's): they reach only the scoped routes that say
 * `lightRoles: true`, so a route written without thinking of them — or a role list built as
 * "every role but …" — never opens to them by accident.
 */
export const LIGHT_ROLES: readonly Role[] = ['volunteer'];

/** Roles that may write anywhere in their subtree vs. read-only roles. */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor'];
export const STAFF_ROLES: readonly Role[] = [
  'admin',
  'commander',
  'town_officer',
  'village_secretary',
  'grid_leader',
  'grid_worker',
  'patrol_member',
];

/** The path range of a subtree: '/1/7/' covers every path in ['/1/7/', '/1/70'), since '0' follows '/'. */
export function subtreeRange(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}
export const inSubtree = (ancestorPath: string, path: string): boolean => path.startsWith(ancestorPath);
