// The sibling of scope.test.ts: every route that names a region or record in its query, path or
// body is tried with another village's id written every other way a parser might still read
// as that id ("163.0", "+163", "0xa3", "1.63e2", " 163", an upper-case or braced UUID). The
// scope hook reads ids before the schema does, so each spelling must be refused outright (400
// naming the field) or as out of scope — never answered with the caller's own data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access, EntityKind, ScopeSource } from '../src/server/platform/access.ts';
import type { Role } from '../src/shared/accounts.ts';
import { type TestApp, buildTestApp, signIn } from './support/app.ts';
import { entityBuilders } from './support/entity-builders.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** Text spellings (query strings and paths, URL-encoded as sent) that a lenient parser reads as `id`. */
function regionSpellings(id: number): string[] {
  const digits = String(id);
  return [
    `${digits}.0`,
    `%2B${digits}`,
    `0x${id.toString(16)}`,
    `${digits[0]}.${digits.slice(1)}e${digits.length - 1}`,
    `%20${digits}`,
    `${digits}%20`,
    `0${digits}`,
    `0o${id.toString(8)}`,
    `0b${id.toString(2)}`,
  ];
}
const recordSpellings = (id: string): string[] => [id.toUpperCase(), `%7B${id}%7D`, `%20${id}`, `${id}%0A`];

/** Raw JSON values for a body field: strings are refused, number literals are the id itself (out of scope). */
const bodyRegionSpellings = (id: number) => [...regionSpellings(id).map((s) => JSON.stringify(decodeURIComponent(s))), JSON.stringify(String(id)), `${id}.0`, `${id}e0`];
const bodyRecordSpellings = (id: string) => recordSpellings(id).map((s) => JSON.stringify(decodeURIComponent(s)));

function writerRole(access: Access): Role {
  const roles = 'roles' in access && access.roles ? access.roles : null;
  return roles?.find((r) => r !== 'auditor') ?? roles?.[0] ?? 'grid_worker';
}

const isRegionSource = (s: ScopeSource) => ('param' in s ? s.entity === 'region' : !s.entity);
const fieldOf = (s: ScopeSource) => ('param' in s ? s.param : 'body' in s ? s.body : s.query);

async function tableCounts(): Promise<Record<string, number>> {
  const tables = ['regions', 'users', 'audit_log', 'households', 'persons', 'forms', 'checkpoints', 'notices', 'inspections'] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

interface Probe {
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** The source probed is the route's first: nothing else can refuse first, so it must be a 400 on the field. */
  first: boolean;
  field: string;
  /** A JSON number literal equal to the id: a valid spelling, so out of scope (403) rather than malformed. */
  numberLiteral: boolean;
}

describe('region and record ids only in their canonical form', () => {
  it('refuses every odd spelling of another village’s region or record on every route (400 naming the field, else 403/404)', async () => {
    const target = t.tree.gridB;
    const built = new Map<string, string>();
    const record = async (entity: EntityKind | undefined, regionId: number) => {
      if (!entity) throw new Error('a record source without its entity kind');
      const key = `${entity}@${regionId}`;
      if (!built.has(key)) {
        const build = entityBuilders[entity];
        expect(build, `no entity builder for "${entity}" (test/support/entity-builders.ts)`).toBeDefined();
        built.set(key, build ? await build(t.app, regionId) : '');
      }
      return built.get(key) ?? '';
    };
    const sessions = new Map<Role, Record<string, string>>();
    const headersFor = async (role: Role) => {
      if (!sessions.has(role)) sessions.set(role, (await signIn(t.app, role, t.tree.gridA)).headers);
      return sessions.get(role) ?? {};
    };

    const probes: Probe[] = [];
    for (const { method, url, access } of t.app.routeCatalog) {
      if ('public' in access || 'self' in access) continue;
      const headers = await headersFor(writerRole(access));
      for (const [index, source] of access.scope.entries()) {
        // Other path parameters name records of the caller's own grid, so the request gets as far as the probed source.
        let path = url;
        for (const other of access.scope) {
          if ('param' in other && other !== source) path = path.replace(`:${other.param}`, await record(other.entity, t.tree.gridA));
        }
        path = path.replace(/:(\w+)(?=\/|$)/g, (whole, name: string) => ('param' in source && source.param === name ? whole : '00000000-0000-7000-8000-000000000000'));
        const field = fieldOf(source);
        const base = { method, headers, first: index === 0, field };
        if ('param' in source) {
          const id = isRegionSource(source) ? String(target) : await record(source.entity, target);
          const spellings = isRegionSource(source) ? regionSpellings(target) : recordSpellings(id);
          for (const s of spellings) probes.push({ ...base, label: `${method} ${url} :${field}=${s}`, url: path.replace(`:${field}`, s), numberLiteral: false });
        } else if ('query' in source) {
          const spellings = isRegionSource(source) ? regionSpellings(target) : recordSpellings(await record(source.entity, target));
          for (const s of spellings) probes.push({ ...base, label: `${method} ${url} ?${field}=${s}`, url: `${path}?${field}=${s}`, numberLiteral: false });
        } else {
          const spellings = isRegionSource(source) ? bodyRegionSpellings(target) : bodyRecordSpellings(await record(source.entity, target));
          for (const s of spellings) {
            probes.push({ ...base, label: `${method} ${url} body ${field}: ${s}`, url: path, payload: `{"${field}":${s}}`, numberLiteral: !s.startsWith('"') });
          }
        }
      }
    }

    const before = await tableCounts();
    const answered: string[] = [];
    for (const p of probes) {
      const headers = p.payload === undefined ? p.headers : { ...p.headers, 'content-type': 'application/json' };
      const res = await t.app.inject({ method: p.method as 'GET', url: p.url, headers, ...(p.payload === undefined ? {} : { payload: p.payload }) });
      answered.push(`${p.label} → ${res.statusCode}`);
      expect([400, 403, 404], `${p.label} answered ${res.statusCode}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
      if (p.first && p.numberLiteral) expect(res.statusCode, `${p.label}: ${res.body}`).toBe(403);
      if (p.first && !p.numberLiteral) {
        expect(res.statusCode, `${p.label}: ${res.body}`).toBe(400);
        expect(res.json().error.details, p.label).toContainEqual(expect.objectContaining({ path: p.field }));
      }
    }
    expect(answered.length).toBeGreaterThan(500);
    // Nothing at all was written by any refused request.
    expect(await tableCounts()).toEqual(before);
  }, 180_000);

  it('reads the canonical spelling as before, and the list of a region’s children is not open to another spelling', async () => {
    const { headers } = await signIn(t.app, 'grid_worker', t.tree.villageA);
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/regions?parentId=${t.tree.villageA}`, headers });
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((r: { id: number }) => r.id).sort()).toEqual([t.tree.gridA, t.tree.gridA2].sort());
    // Another village's children: 403 canonically, 400 spelled otherwise (it used to list them).
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/regions?parentId=${t.tree.villageB}`, headers })).statusCode).toBe(403);
    const odd = await t.app.inject({ method: 'GET', url: `/api/v1/regions?parentId=${t.tree.villageB}.0`, headers });
    expect(odd.statusCode).toBe(400);
    expect(odd.json().error).toMatchObject({ code: 'VALIDATION_ERROR', details: [{ path: 'parentId' }] });
    // A repeated parameter is not a region id either.
    const twice = await t.app.inject({ method: 'GET', url: `/api/v1/households?regionId=${t.tree.gridA}&regionId=${t.tree.gridB}`, headers });
    expect(twice.statusCode).toBe(400);
  });
});
