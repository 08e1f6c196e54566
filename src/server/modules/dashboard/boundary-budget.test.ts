// A GeoJSON body is counted before it is parsed (issue 13, item 1): 16 MB of tiny arrays would
// take 200 MB of heap and most of a second to parse, so a body with more arrays than a real
// boundary has is refused with 413 before JSON.parse sees it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { BOUNDARY_LIMITS } from '../../../shared/stats.ts';

let t: TestApp;
let officer: Record<string, string>;
beforeAll(async () => {
  t = await buildTestApp();
  officer = { ...(await signIn(t.app, 'town_officer', t.tree.townA)).headers, 'content-type': 'application/json' };
});
afterAll(() => t.close());

/** A FeatureCollection of one polygon with `n` positions of tiny numbers: "[0,0],[0,0],…". */
const pointsBody = (n: number) =>
  `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"东村"},"geometry":{"type":"Polygon","coordinates":[[${'[0,0],'.repeat(n - 1)}[0,0]]]}}]}`;

describe('GeoJSON bodies counted before parsing', () => {
  it('refuses a FeatureCollection of more arrays than the import allows, naming the limit, and a geometry of more than one boundary has', async () => {
    const flood = pointsBody(BOUNDARY_LIMITS.importArrays + 10);
    expect(flood.length).toBeLessThan(BOUNDARY_LIMITS.importBytes);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/regions/${t.tree.townA}/boundaries`, headers: officer, payload: flood });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1,000,000 arrays') } });

    const one = `{"type":"Polygon","coordinates":[[${'[0,0],'.repeat(BOUNDARY_LIMITS.arrays)}[0,0]]]}`;
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/regions/${t.tree.villageA}/boundary`, headers: officer, payload: one });
    expect(put.statusCode).toBe(413);
    expect(put.json().error.message).toContain('25,000 arrays');
  });

  it('still reads a body within the budget (judged then by its geometry)', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/regions/${t.tree.townA}/boundaries`, headers: officer, payload: pointsBody(100) });
    expect(res.statusCode).not.toBe(413);
  });
});
