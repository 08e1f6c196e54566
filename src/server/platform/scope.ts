// The one place region scoping is enforced. Every /api route declares `config.access`
// (access.ts); a route without it is refused when it is registered, so none can forget.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Access, type Actor, type EntityKind, LIGHT_ROLES, READ_ONLY_ROLES, type ScopedRegion, type ScopeSource, inSubtree } from './access.ts';
import { AppError } from './errors.ts';
import {
  RECORD_ID_MESSAGE,
  REGION_ID_NUMBER_MESSAGE,
  REGION_ID_TEXT_MESSAGE,
  isRecordId,
  isRegionIdNumber,
  isRegionIdText,
} from '../../shared/ids.ts';

export type RegionLookup = (db: Kysely<DB>, regionId: number) => Promise<ScopedRegion | null>;

/** A record's name as the audit log shows it; a person's also names the household to link to. */
export interface EntityName {
  id: string;
  name: string;
  householdId?: string | null;
}

export interface EntityScope {
  /** The region a record belongs to, or null when there is no such record. */
  resolve(db: Kysely<DB>, id: string): Promise<ScopedRegion | null>;
  /**
   * The names of records of this kind (ids in this kind's spelling), for the audit log's object
   * column: the owning module reads its own table. Names only, nothing personal beyond what the
   * module's lists already show. Kinds without it are listed by id.
   */
  names?(db: Kysely<DB>, ids: readonly string[]): Promise<EntityName[]>;
  /** Personal records answer 404 outside the caller's subtree: their existence is private. */
  private: boolean;
  label: string;
  /** How its ids are written: a UUID (the default) or a region id. Any other spelling is a 400. */
  idFormat?: 'uuid' | 'region';
}

/** How to find the region of each kind of record: the modules' definitions provide them. */
export type EntityScopes = Readonly<Record<EntityKind, EntityScope>>;

/** Where the scope hook finds the region a request names: by region id, or by a record's id. */
export interface ScopeResolvers {
  region: RegionLookup;
  entities: EntityScopes;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const malformed = (path: string, message: string) => new AppError('VALIDATION_ERROR', `${path}: ${message}`, [{ path, message }]);

/**
 * The region id a source names, in its canonical form only: text digits in a query or path, a
 * positive safe integer in a JSON body. Anything else is refused here rather than skipped, so
 * the schema can never read a value the scope check did not ("163.0" coerced to 163).
 */
function canonicalRegionId(value: unknown, path: string, inBody: boolean): number {
  if (inBody ? isRegionIdNumber(value) : isRegionIdText(value)) return Number(value);
  throw malformed(path, inBody ? REGION_ID_NUMBER_MESSAGE : REGION_ID_TEXT_MESSAGE);
}

async function regionOfEntity(app: FastifyInstance, resolvers: ScopeResolvers, kind: EntityKind, id: unknown, path: string) {
  const entity = resolvers.entities[kind];
  const byRegion = entity.idFormat === 'region';
  if (!(byRegion ? isRegionIdText(id) : isRecordId(id))) throw malformed(path, byRegion ? REGION_ID_TEXT_MESSAGE : RECORD_ID_MESSAGE);
  const region = await entity.resolve(app.db, id as string);
  if (!region) throw new AppError('NOT_FOUND', `${path}: ${entity.label} not found`, [{ path, message: 'not found' }]);
  return { region, hide: entity.private, path };
}

async function regionOfSource(
  app: FastifyInstance,
  resolvers: ScopeResolvers,
  request: FastifyRequest,
  source: ScopeSource,
): Promise<{ region: ScopedRegion; hide: boolean; path: string } | null> {
  if ('param' in source) {
    const id = (request.params as Record<string, string | undefined>)[source.param];
    return regionOfEntity(app, resolvers, source.entity, id, source.param);
  }
  const bag = ('body' in source ? request.body : request.query) as Record<string, unknown> | null | undefined;
  const field = 'body' in source ? source.body : source.query;
  const value = bag?.[field];
  // Absent (or null: "no household" in a patch) names no region; the schema says if it may be.
  if (value === undefined || value === null) return null;
  if (source.entity) return regionOfEntity(app, resolvers, source.entity, value, field);
  const id = canonicalRegionId(value, field, 'body' in source);
  const region = await resolvers.region(app.db, id);
  if (!region) {
    throw new AppError('NOT_FOUND', `${field}: no region ${id}`, [{ path: field, message: 'no such region' }]);
  }
  return { region, hide: false, path: field };
}

export async function checkAccess(
  app: FastifyInstance,
  resolvers: ScopeResolvers,
  request: FastifyRequest,
  access: Exclude<Access, { public: true }>,
): Promise<ScopedRegion> {
  const actor: Actor | null = request.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  // A password a manager set is known to two people: until its owner replaces it, the account
  // can only say who it is, change the password, or sign out.
  if (actor.mustChangePassword && !('self' in access && access.beforePasswordChange)) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Choose a new password first (POST /api/v1/auth/password): yours was set by an account manager');
  }
  if (access.roles && !access.roles.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `The role ${actor.role} may not do this`);
  }
  const own: ScopedRegion = { id: actor.regionId, path: actor.regionPath, level: actor.regionLevel };
  if ('self' in access) return own;
  if (LIGHT_ROLES.includes(actor.role) && !access.lightRoles) {
    throw new AppError('FORBIDDEN', `The role ${actor.role} may not do this`);
  }
  if (!SAFE_METHODS.has(request.method) && !access.readsOnly && READ_ONLY_ROLES.includes(actor.role)) {
    throw new AppError('FORBIDDEN', `The role ${actor.role} can only read`);
  }
  let primary: ScopedRegion | null = null;
  for (const source of access.scope) {
    const found = await regionOfSource(app, resolvers, request, source);
    if (!found) continue;
    if (!inSubtree(actor.regionPath, found.region.path)) {
      if (found.hide) throw new AppError('NOT_FOUND', 'not found');
      throw new AppError('OUT_OF_SCOPE', `${found.path}: outside the region of your account`, [
        { path: found.path, message: 'outside your region' },
      ]);
    }
    primary ??= found.region;
  }
  return primary ?? own;
}

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: Access;
}

export function installScope(app: FastifyInstance, resolvers: ScopeResolvers): void {
  app.decorateRequest('scope', null);
  const catalog: RouteAccessEntry[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access: every API route must`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') catalog.push({ method, url: route.url, access });
    }
  });
  // preValidation runs after the body is parsed and before the schema: a request for another
  // region's data is refused as such, whatever else is wrong with it.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access || 'public' in access) return;
    request.scope = await checkAccess(app, resolvers, request, access);
  });
}

/** In a handler of a scoped route: the checked region (always set by the hook). */
export function scopeOf(request: FastifyRequest): ScopedRegion {
  if (!request.scope) throw new Error('scopeOf called on a route without a scope');
  return request.scope;
}
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return request.actor;
}
