// The conventions of API.md that every resource shares: errors, bad input, idempotency, paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../support/app.ts';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
});
afterAll(() => t.close());

const regionCount = async () =>
  Number((await t.app.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const aGrid = (code: string) => ({ parentId: t.tree.villageA, level: 'grid', code, name: '测试网格' });

describe('bad input gets a clear 4xx and writes nothing', () => {
  it('malformed JSON → 400 INVALID_JSON', async () => {
    const before = await regionCount();
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { ...admin, 'content-type': 'application/json' }, payload: '{"parentId": 1, "name": ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_JSON', details: [{ path: '(body)' }] });
    expect(await regionCount()).toBe(before);
  });

  it('wrong types → 400 naming each field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { parentId: t.tree.villageA, level: 'grid', code: 12345678, name: ['x'] } });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['code', 'name']);
  });

  it('unknown fields → 400 naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { ...aGrid('339901777001'), colour: 'red' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toContainEqual({ path: 'colour', message: 'unknown field' });
  });

  it('a body over the limit → 413', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { ...aGrid('339901777002'), name: 'x'.repeat(2_000_000) } });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('a wrong content type → 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { ...admin, 'content-type': 'text/plain' }, payload: 'parentId=1' });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('ids that do not exist → 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/regions/999999', headers: admin })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/00000000-0000-7000-8000-000000000000', headers: admin })).statusCode).toBe(404);
    const ref = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { ...aGrid('339901777003'), parentId: 999999 } });
    expect(ref.statusCode).toBe(404);
    expect(ref.json().error.details[0].path).toBe('parentId');
  });

  it('an id of the wrong shape → 400 or 404, never 500', async () => {
    for (const url of ['/api/v1/regions/abc', '/api/v1/users/not-a-uuid', "/api/v1/users/1'%20or%201=1"]) {
      const res = await t.app.inject({ method: 'GET', url, headers: admin });
      expect([400, 404], url).toContain(res.statusCode);
    }
  });

  it('hostile text is stored as written and returned as JSON data', async () => {
    const name = `<script>alert("x")</script>'; drop table regions; --`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { ...aGrid('339901777004'), name } });
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json().name).toBe(name);
  });

  it('a server error hides its internals', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions?limit=9999', headers: admin });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('asks for sign-in with 401 and the contract shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions' });
    expect(res.statusCode).toBe(401);
    // The request's id travels with the error, the same as its x-request-id header and log lines.
    expect(res.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Sign in first', requestId: res.headers['x-request-id'] } });
  });
});

describe('Idempotency-Key', () => {
  it('returns the first answer for a repeated key and creates nothing new', async () => {
    const headers = { ...admin, 'idempotency-key': 'key-0001-aaaa' };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: aGrid('339901888001') });
    const before = await regionCount();
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: aGrid('339901888001') });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(await regionCount()).toBe(before);
  });

  it('answers 409 to the same key with another body', async () => {
    const headers = { ...admin, 'idempotency-key': 'key-0002-bbbb' };
    await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: aGrid('339901888002') });
    const other = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: aGrid('339901888003') });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('creates one record when the same request races itself', async () => {
    const headers = { ...admin, 'idempotency-key': 'key-0003-cccc' };
    const before = await regionCount();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: aGrid('339901888004') })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    expect(await regionCount()).toBe(before + 1);
  });

  it('keeps keys per account: another account’s same key is its own request', async () => {
    const other = (await signIn(t.app, 'admin', t.tree.county)).headers;
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { ...admin, 'idempotency-key': 'key-0004-dddd' }, payload: aGrid('339901888005') });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: { ...other, 'idempotency-key': 'key-0004-dddd' }, payload: aGrid('339901888006') });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.json().id).not.toBe(a.json().id);
  });

  it('does not store the key when the request fails, so a corrected retry works', async () => {
    const headers = { ...admin, 'idempotency-key': 'key-0005-eeee' };
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: { ...aGrid('339901888001') } });
    expect(bad.statusCode).toBe(409); // code taken
    const good = await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers, payload: { ...aGrid('339901888001') } });
    expect(good.statusCode).toBe(409);
  });
});

describe('paging', () => {
  it('walks a list with limit and an opaque cursor', async () => {
    for (let i = 0; i < 7; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/regions', headers: admin, payload: { parentId: t.tree.gridB, level: 'microgrid', code: `33990199900${i}`, name: `微网格${i}` } });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { parentId: String(t.tree.gridB), limit: '3', ...(cursor ? { cursor } : {}) };
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions', query, headers: admin });
      const body = res.json() as { items: { id: number }[]; nextCursor: string | null };
      seen.push(...body.items.map((r) => r.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const forged = await t.app.inject({ method: 'GET', url: '/api/v1/regions?cursor=garbage!', headers: admin });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.details[0].path).toBe('cursor');
  });
});
