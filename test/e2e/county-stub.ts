// A county-sized dashboard without loading a 250,000-person county: the stats and map reads
// answered with invented figures of the demo county's size (15 towns, 1,099 grids, 250,002
// people), so the layout is tried with the numbers a county really shows.
import type { Page, Route } from 'playwright-core';

const TOWNS = ['城关镇', '南山乡', '东湖街道', '西溪镇', '北岭乡', '青石镇', '白沙镇', '临江街道', '桃源乡', '云台镇', '凤鸣镇', '双河乡', '龙泉镇', '新安街道', '金桥镇'];

/** Deterministic spread: town i's share of the county (about one fifteenth, some more, some less). */
const share = (i: number) => (0.6 + ((i * 37) % 80) / 100) / TOWNS.length;

function figures(regionId: number, name: string, level: string, code: string, k: number, scale: number) {
  const grids = Math.round(1099 * scale);
  const filed = Math.round(grids * (0.55 + ((k * 13) % 40) / 100));
  const late = Math.round(filed * 0.08);
  return {
    regionId, name, level, code,
    households: Math.round(82_113 * scale),
    persons: { total: Math.round(250_002 * scale), byCategory: { resident: Math.round(201_330 * scale), tenant: Math.round(31_207 * scale), returnee: Math.round(12_080 * scale), visitor: Math.round(5_385 * scale) } },
    keyPersons: Math.round(869 * scale),
    quarantines: { active: Math.round(1_204 * scale), ending: Math.round(57 * scale), overdue: Math.round(6 * scale) },
    checkpoints: { total: Math.round(470 * scale), open: Math.round(157 * scale), removed: Math.round(313 * scale) },
    tips: { total: Math.round(12_345 * scale), byStatus: { received: 1203, assessed: 801, routed: 677, handled: 4020, supervised: 312, answered: 2100, evaluated: 3232 } },
    reports: { date: '2026-12-06', grids, filed, onTime: filed - late, late, missing: grids - filed, returned: Math.round(9 * scale), zero: Math.round(filed * 0.7) },
    inspections: Math.round(2_345 * scale),
    openRectifications: Math.round(123 * scale),
    risk: { yellow: Math.round(1_322 * scale), red: Math.round(35 * scale), colour: k % 3 === 0 ? 'red' : k % 3 === 1 ? 'yellow' : 'green' },
    familyEvents: { total: Math.round(3_456 * scale), open: Math.round(48 * scale) },
  };
}

const rect = (lon0: number, lat0: number, lon1: number, lat1: number) => [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]];

/** Answers the dashboard's reads for `countyId` (the signed-in account's region) with county-sized figures. */
export async function stubCountyDashboard(page: Page, countyId: number, today = '2026-12-06'): Promise<void> {
  const county = figures(countyId, '示范县', 'county', '339901', 0, 1);
  const children = TOWNS.map((name, i) => figures(10_000 + i, name, 'town', `3399010${String(i + 1).padStart(2, '0')}`, i + 1, share(i)));
  const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route(/\/api\/v1\/stats\/summary/, (route) => json(route, county));
  await page.route(/\/api\/v1\/stats\/breakdown/, (route) => json(route, { regionId: countyId, name: '示范县', level: 'county', date: today, children }));
  await page.route(/\/api\/v1\/stats\/trend/, (route) => {
    const days = Array.from({ length: 14 }, (_, i) => {
      const d = new Date(`${today}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - 13 + i);
      const isToday = i === 13;
      const filed = isToday ? 712 : 1_020 + ((i * 17) % 70);
      return { date: d.toISOString().slice(0, 10), grids: 1_099, filed, onTime: filed - 40, late: 40, returned: 3, zero: 700, checkpointsRemoved: (i * 7) % 40, figures: {} };
    });
    return json(route, { regionId: countyId, name: '示范县', from: days[0]?.date, to: today, days });
  });
  await page.route(new RegExp(`/api/v1/regions/${countyId}/map`), (route) =>
    json(route, {
      type: 'FeatureCollection', regionId: countyId, name: '示范县', level: 'county', missing: 0,
      outline: { type: 'Polygon', coordinates: rect(120.0, 29.0, 120.5, 29.3) },
      features: TOWNS.map((name, i) => ({
        type: 'Feature',
        properties: { regionId: 10_000 + i, name, code: `3399010${String(i + 1).padStart(2, '0')}` },
        geometry: { type: 'Polygon', coordinates: rect(120.0 + (i % 5) * 0.1, 29.0 + Math.floor(i / 5) * 0.1, 120.1 + (i % 5) * 0.1, 29.1 + Math.floor(i / 5) * 0.1) },
      })),
    }),
  );
}
