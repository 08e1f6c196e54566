// Control inside the grids under load (issue 5): the home-quarantine alert lists a town, a
// village and a grid work from, on the 250,000-person demo county after a long outbreak — 40,000
// fever, missed-check and breach alerts in one town, a fifth of them still open. Target: a town's list
// p50 < 20 ms. Baseline in the same run: GET /auth/me, the cheapest signed-in request, so the
// ratio says what the list itself costs on this (shared, noisy) machine.
//
//   npx tsx bench/control.ts                 # SQLite, demo county 250,000 people
//   npx tsx bench/control.ts --postgres      # the same on PostgreSQL
//   options: --people 250000 --alerts 40000 --duration 10 --runs 3 --connections 10
//            --database URL (reuse a database built by `npm run demo`)
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { alertLevels } from '../src/server/modules/quarantine/alert-levels.ts';
import { ALERT_SEVERITY, type AlertKind } from '../src/shared/quarantine.ts';
import { newId } from '../src/server/platform/ids.ts';
import { startDemoServer } from './lib/demo-server.ts';
import { argValue, deadline, emitResult, load, median } from './lib/harness.ts';

export const bench = { name: 'control', target: 20 };

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => Number(argValue(argv, name) ?? dflt);
const opts = {
  postgres: argv.includes('--postgres'),
  people: num('--people', 250_000),
  alerts: num('--alerts', 40_000),
  durationSec: num('--duration', 10),
  runs: num('--runs', 3),
  connections: num('--connections', 10),
  database: argValue(argv, '--database'),
};
deadline(30 * 60_000, 'the control benchmark');

// ---------------------------------------------------------------- a long outbreak's alerts
// Added before the server starts, as if they had piled up over the outbreak: a server that saw
// 40,000 rows arrive from another process would still plan with the statistics it opened with
// (it re-reads them hourly: db/connect.ts).
type OrderRow = { id: string; region_id: number; village_id: number; grid_id: number; path: string };
const ORDERS = `select o.id, o.region_id, v.id as village_id, g.id as grid_id, m.path from quarantine_orders o
  join regions m on m.id = o.region_id join regions g on g.id = m.parent_id join regions v on v.id = g.parent_id
  where m.path like $1 order by o.id`;
/** The region of the demo account the lists are read as (town01: the first town). */
const TOWN = `select region_id from users where username = 'town01'`;
const KINDS = ['fever', 'missed_check', 'breach'] as const;
/** One alert per (order, kind, day), as the table allows: walking back day by day over the town’s orders (a day the demo already has an alert for is skipped). */
const alertRows = (orders: OrderRow[]) =>
  Array.from({ length: opts.alerts }, (_, i) => {
    const o = orders[Math.floor(i / KINDS.length) % orders.length] as OrderRow;
    const daysBack = Math.floor(i / (KINDS.length * orders.length));
    const raised = new Date(Date.now() - daysBack * 86_400_000 - (i % 600) * 60_000).toISOString();
    const open = i % 5 === 0;
    const { county_id, town_id, village_id } = alertLevels(o.path);
    const kind = KINDS[i % KINDS.length] as AlertKind;
    return [newId(), o.id, o.region_id, kind, raised.slice(0, 10), raised, open ? null : raised, county_id, town_id, village_id, ALERT_SEVERITY[kind]] as const;
  });
const INSERT = 'insert into quarantine_alerts (id, order_id, region_id, kind, day, raised_at, acknowledged_at, county_id, town_id, village_id, severity) values';
let orders: OrderRow[] = [];

async function addAlerts(databaseUrl: string): Promise<void> {
  const t0 = Date.now();
  if (databaseUrl.startsWith('sqlite://')) {
    const db = new SQLite(databaseUrl.slice('sqlite://'.length));
    const town = (db.prepare(TOWN).get() as { region_id: number }).region_id;
    orders = db.prepare(ORDERS.replace('$1', '?')).all(`%/${town}/%`) as OrderRow[];
    if (!orders.length) throw new Error(`the demo county has no quarantine orders in town ${town}`);
    const stmt = db.prepare(`${INSERT} (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing`);
    db.transaction(() => {
      for (const row of alertRows(orders)) stmt.run(...row);
    })();
    db.exec('analyze');
    db.close();
  } else {
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    const town = (await c.query<{ region_id: number }>(TOWN)).rows[0]?.region_id;
    orders = (await c.query<OrderRow>(ORDERS, [`%/${town}/%`])).rows;
    if (!orders.length) throw new Error(`the demo county has no quarantine orders in town ${town}`);
    const rows = alertRows(orders);
    for (let i = 0; i < rows.length; i += 1_000) {
      const slice = rows.slice(i, i + 1_000);
      const values = slice.map((row, j) => `(${row.map((_, k) => `$${j * row.length + k + 1}`).join(', ')})`).join(',');
      await c.query(`${INSERT} ${values} on conflict do nothing`, slice.flat());
    }
    await c.query('analyze quarantine_alerts');
    await c.end();
  }
  console.log(`${opts.alerts.toLocaleString()} alerts over ${orders.length} orders of town01's town added in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const server = await startDemoServer({ name: 'control', postgres: opts.postgres, people: opts.people, database: opts.database, prepare: addAlerts });
const officer = await server.bearer('town01');
const town = officer.user.regionId;
const first = orders[0] as OrderRow;

// ---------------------------------------------------------------- the lists under load
async function getLoad(name: string, path: string, connections: number) {
  const runs = [];
  for (let i = 0; i < opts.runs; i++) {
    const r = await load({ url: server.base, path, method: 'GET', connections, durationSec: opts.durationSec, headers: officer.headers, next: () => ({ headers: {} }) });
    if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors ${JSON.stringify(r.statusCodes)}`);
    runs.push(r);
  }
  const result = { p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), rps: median(runs.map((r) => r.rps)) };
  console.log(`${name}: p50 ${result.p50} ms, p99 ${result.p99} ms, ${Math.round(result.rps)} req/s (${connections} conn., median of ${opts.runs} × ${opts.durationSec} s)`);
  return result;
}

const check = await server.api('GET', `/api/v1/quarantines/alerts?regionId=${town}&open=true`, undefined, officer.headers);
if (check.json.items.length !== 50) throw new Error(`expected a full page of open alerts, got ${check.json.items.length}`);
const baseline = await getLoad('baseline GET /auth/me', '/api/v1/auth/me', opts.connections);
const lists = {
  town: `/api/v1/quarantines/alerts?regionId=${town}&open=true`,
  village: `/api/v1/quarantines/alerts?regionId=${first.village_id}&open=true`,
  grid: `/api/v1/quarantines/alerts?regionId=${first.grid_id}&open=true`,
};
for (const [level, path] of Object.entries(lists)) {
  const one = await getLoad(`open alerts of a ${level}, 1 connection`, path, 1);
  const many = await getLoad(`open alerts of a ${level}`, path, opts.connections);
  const ratio = baseline.rps / many.rps;
  console.log(`  ${level}: ${ratio.toFixed(1)}× the cost of GET /auth/me`);
  emitResult({ bench: bench.name, variant: `${server.dialect}/alerts-${level}`, p50OneConnectionMs: one.p50, p50Ms: many.p50, p99Ms: many.p99, rps: Math.round(many.rps), baselineRps: Math.round(baseline.rps), costVsBaseline: Number(ratio.toFixed(1)), target: `p50 < ${bench.target} ms` });
}
await server.child.stop();
