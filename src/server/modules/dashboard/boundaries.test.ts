import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
});
afterAll(() => t.close());

/** A closed square ring with its south-west corner at (lon, lat). */
const square = (lon: number, lat: number, size = 0.1) => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];
const polygon = (lon: number, lat: number) => ({ type: 'Polygon', coordinates: [square(lon, lat)] });
const put = (regionId: number, payload: unknown, headers = admin) =>
  t.app.inject({ method: 'PUT', url: `/api/v1/regions/${regionId}/boundary`, headers, payload: payload as object });
const codeOf = async (id: number) => (await t.app.db.selectFrom('regions').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;

describe('PUT /regions/:id/boundary', () => {
  it('saves a Polygon, a MultiPolygon and a Feature holding one', async () => {
    expect((await put(t.tree.townA, polygon(120.5, 29))).json()).toEqual({ regionId: t.tree.townA, type: 'Polygon', positions: 5 });
    const multi = { type: 'MultiPolygon', coordinates: [[square(120.6, 29)], [square(120.8, 29)]] };
    expect((await put(t.tree.townC, multi)).statusCode).toBe(200);
    const feature = { type: 'Feature', properties: {}, geometry: polygon(120.4, 29) };
    expect((await put(t.tree.county, feature)).statusCode).toBe(200);
  });

  it('refuses an unclosed ring, naming the last position', async () => {
    const open = { type: 'Polygon', coordinates: [[[120, 29], [120.1, 29], [120.1, 29.1], [120, 29.1]]] };
    const res = await put(t.tree.townA, open);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('coordinates.0.3');
    const short = { type: 'Polygon', coordinates: [[[120, 29], [120.1, 29], [120, 29]]] };
    expect((await put(t.tree.townA, short)).json().error.details[0].path).toBe('coordinates.0');
  });

  it('refuses a latitude out of range, naming coordinates.0.2.1', async () => {
    const ring = square(120, 29);
    ring[2] = [120.1, 91];
    const res = await put(t.tree.townA, { type: 'Polygon', coordinates: [ring] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([{ path: 'coordinates.0.2.1', message: 'latitude must be a number from -90 to 90' }]);
  });

  it('refuses a geometry that is not a polygon, and names the path inside a Feature', async () => {
    const point = await put(t.tree.townA, { type: 'Point', coordinates: [120, 29] });
    expect(point.statusCode).toBe(400);
    expect(point.json().error.details[0].path).toBe('type');
    const inFeature = await put(t.tree.townA, { type: 'Feature', geometry: { type: 'LineString', coordinates: [] } });
    expect(inFeature.json().error.details[0].path).toBe('geometry.type');
  });

  it('refuses more than 20,000 positions with 413', async () => {
    const ring = Array.from({ length: 20_001 }, (_, i) => [120 + i / 1e5, 29 + (i % 2) / 1e3]);
    ring.push(ring[0] as number[]);
    expect((await put(t.tree.townA, { type: 'Polygon', coordinates: [ring] })).statusCode).toBe(413);
  });

  it('refuses a body over 2 MB with 413', async () => {
    const big = JSON.stringify({ type: 'Feature', properties: { note: 'x'.repeat(2.2 * 1_048_576) }, geometry: polygon(120, 29) });
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/regions/${t.tree.townA}/boundary`, headers: { ...admin, 'content-type': 'application/json' }, payload: big });
    expect(res.statusCode).toBe(413);
  });

  it('is for admins, commanders and town officers within their subtree', async () => {
    const secretary = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    expect((await put(t.tree.villageA, polygon(120, 29), secretary)).statusCode).toBe(403);
    const officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    expect((await put(t.tree.villageA, polygon(120, 29), officer)).statusCode).toBe(200);
    expect((await put(t.tree.townC, polygon(120, 29), officer)).statusCode).toBe(403);
  });

  it('removes a boundary, then answers 404', async () => {
    const url = `/api/v1/regions/${t.tree.villageA}/boundary`;
    expect((await t.app.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url, headers: admin })).statusCode).toBe(404);
  });
});

describe('POST /regions/:id/boundaries and GET /regions/:id/map', () => {
  it('matches features by code or by name and saves them all', async () => {
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: await codeOf(t.tree.villageA) }, geometry: polygon(120.5, 29) },
        { type: 'Feature', properties: { name: '西村' }, geometry: polygon(120.6, 29) },
      ],
    };
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/regions/${t.tree.townA}/boundaries`, headers: admin, payload: collection });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      saved: 2,
      features: [
        { index: 0, regionId: t.tree.villageA, name: '东村', matchedBy: 'code' },
        { index: 1, regionId: t.tree.villageB, name: '西村', matchedBy: 'name' },
      ],
    });
  });

  it('saves nothing when one feature matches no child or has a bad ring', async () => {
    await t.app.inject({ method: 'DELETE', url: `/api/v1/regions/${t.tree.villageB}/boundary`, headers: admin });
    const bad = square(120.7, 29);
    bad[4] = [120.71, 29];
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: '西村' }, geometry: polygon(120.6, 29) },
        { type: 'Feature', properties: { name: '北村' }, geometry: polygon(120.6, 29) },
        { type: 'Feature', properties: { name: '东村' }, geometry: { type: 'Polygon', coordinates: [bad] } },
      ],
    };
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/regions/${t.tree.townA}/boundaries`, headers: admin, payload: collection });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([
      { path: 'features.1.properties.name', message: 'no child region matches (name 北村)' },
      { path: 'features.2.geometry.coordinates.0.4', message: 'the ring is not closed: the last position must equal the first' },
    ]);
    const map = (await t.app.inject({ method: 'GET', url: `/api/v1/regions/${t.tree.townA}/map`, headers: admin })).json();
    expect(map.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['东村']);
  });

  it('answers the children’s boundaries with the outline, and 304 for the same ETag', async () => {
    const url = `/api/v1/regions/${t.tree.townA}/map`;
    const res = await t.app.inject({ method: 'GET', url, headers: admin });
    expect(res.statusCode).toBe(200);
    const map = res.json();
    expect(map).toMatchObject({ type: 'FeatureCollection', regionId: t.tree.townA, missing: 1, outline: { type: 'Polygon' } });
    expect(map.features[0]).toMatchObject({ type: 'Feature', properties: { regionId: t.tree.villageA, name: '东村' }, geometry: { type: 'Polygon' } });
    const again = await t.app.inject({ method: 'GET', url, headers: { ...admin, 'if-none-match': String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    const worker = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
    expect((await t.app.inject({ method: 'GET', url, headers: worker })).statusCode).toBe(403);
  });
});
