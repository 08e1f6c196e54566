// One load process of bench/staff-day.ts: staff of the demo county acting at random, an open
// model (each member acts on average every THINK seconds, whether or not the server keeps up),
// for DURATION seconds. Writes SPEC.out.json: per route, the latencies' p50/p95/p99, the count
// and the failures.   SPEC=/tmp/…/spec.json tsx bench/lib/staff-load.ts
import fs from 'node:fs';

export interface StaffMember {
  token: string;
  role: string;
  regionId: number;
  countyId: number;
  householdId: string | null;
}
export interface LoadSpecFile {
  base: string;
  staff: StaffMember[];
  thinkSec: number;
  durationSec: number;
  /** The 16:30 rush: grid leaders file their daily report, each once, spread over the run. */
  rush: boolean;
  day: string;
  /** Live event streams kept open (the HQ's screens). */
  streams: number;
  /** The baseline: the same staff at the same rate, every action the cheapest signed-in request (GET /auth/me). */
  baseline?: boolean;
}

type Action = { route: string; method: 'GET' | 'POST'; path: string; body?: unknown };
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

/** What a member of this role does next, weighted as a day's work is. */
function nextAction(s: StaffMember): Action {
  const r = Math.random();
  const q = (path: string, id = s.regionId) => `${path}${path.includes('?') ? '&' : '?'}regionId=${id}`;
  switch (s.role) {
    case 'grid_worker':
      if (r < 0.4) return { route: 'GET /households (not visited, grid)', method: 'GET', path: q('/api/v1/households?notVisitedForDays=7&limit=50') };
      if (r < 0.6) return { route: 'GET /persons (grid)', method: 'GET', path: q('/api/v1/persons?limit=50') };
      if (r < 0.9 && s.householdId) return { route: 'POST /visits', method: 'POST', path: '/api/v1/visits', body: { householdId: s.householdId, outcome: 'verified' } };
      return { route: 'POST /persons/search (grid)', method: 'POST', path: '/api/v1/persons/search', body: { q: pickOf(SURNAMES), regionId: s.regionId, limit: 50 } };
    case 'grid_leader':
      if (r < 0.4) return { route: 'GET /daily-reports (grid)', method: 'GET', path: q('/api/v1/daily-reports') };
      if (r < 0.7) return { route: 'GET /households (grid)', method: 'GET', path: q('/api/v1/households?limit=50') };
      return { route: 'GET /daily-reports/prefill', method: 'GET', path: q('/api/v1/daily-reports/prefill') };
    case 'village_secretary':
      if (r < 0.5) return { route: 'GET /daily-reports (village)', method: 'GET', path: q('/api/v1/daily-reports') };
      return { route: 'GET /tips (village)', method: 'GET', path: q('/api/v1/tips?limit=50') };
    case 'patrol_member': // patrol members read no tips (403): their town's alerts and roll-up
      if (r < 0.7) return { route: 'GET /quarantines/alerts (town)', method: 'GET', path: q('/api/v1/quarantines/alerts?limit=50') };
      return { route: 'GET /daily-reports/rollup (town)', method: 'GET', path: q('/api/v1/daily-reports/rollup') };
    case 'town_officer':
      if (r < 0.4) return { route: 'GET /tips (town inbox)', method: 'GET', path: q('/api/v1/tips?limit=50') };
      if (r < 0.8) return { route: 'GET /quarantines/alerts (town)', method: 'GET', path: q('/api/v1/quarantines/alerts?limit=50') };
      return { route: 'GET /daily-reports/rollup (town)', method: 'GET', path: q('/api/v1/daily-reports/rollup') };
    default: // the HQ: commander, auditor
      if (r < 0.4) return { route: 'GET /stats/summary (county)', method: 'GET', path: q('/api/v1/stats/summary', s.countyId) };
      if (r < 0.7) return { route: 'GET /daily-reports/rollup (county)', method: 'GET', path: q('/api/v1/daily-reports/rollup', s.countyId) };
      return { route: 'GET /stats/breakdown (county)', method: 'GET', path: q('/api/v1/stats/breakdown', s.countyId) };
  }
}

const spec = JSON.parse(fs.readFileSync(process.env.SPEC ?? '', 'utf8')) as LoadSpecFile;
const times = new Map<string, number[]>();
const failures = new Map<string, Record<string, number>>();
let inFlight = 0;

async function send(s: StaffMember, a: Action): Promise<void> {
  inFlight++;
  const t0 = performance.now();
  let status = 'error';
  try {
    const res = await fetch(`${spec.base}${a.path}`, {
      method: a.method,
      headers: { authorization: `Bearer ${s.token}`, ...(a.body ? { 'content-type': 'application/json' } : {}) },
      body: a.body ? JSON.stringify(a.body) : undefined,
    });
    await res.arrayBuffer();
    status = String(res.status);
  } catch (err) {
    status = (err as Error).name;
  } finally {
    inFlight--;
  }
  const ms = performance.now() - t0;
  if (status.startsWith('2')) {
    const list = times.get(a.route) ?? [];
    list.push(ms);
    times.set(a.route, list);
  } else {
    const f = failures.get(a.route) ?? {};
    f[status] = (f[status] ?? 0) + 1;
    failures.set(a.route, f);
  }
}

// HQ screens: live streams held open for the whole run.
const streams: AbortController[] = [];
const hq = spec.staff.filter((s) => s.role === 'commander' || s.role === 'auditor');
for (let i = 0; i < spec.streams && hq.length; i++) {
  const s = hq[i % hq.length] as StaffMember;
  const ctl = new AbortController();
  streams.push(ctl);
  void fetch(`${spec.base}/api/v1/events?regionId=${s.countyId}`, { headers: { authorization: `Bearer ${s.token}` }, signal: ctl.signal })
    .then(async (res) => {
      const reader = res.body?.getReader();
      while (reader && !(await reader.read()).done);
    })
    .catch(() => undefined);
}

// Open model: the staff's actions arrive at their combined rate whatever the answers' pace.
const ratePerMs = spec.staff.length / spec.thinkSec / 1000;
const leaders = spec.staff.filter((s) => s.role === 'grid_leader');
const rushPerMs = spec.rush ? leaders.length / (spec.durationSec * 1000) : 0;
const started = performance.now();
const pending: Promise<void>[] = [];
let owed = 0;
let rushOwed = 0;
let rushNext = 0;
let last = started;
while (performance.now() - started < spec.durationSec * 1000) {
  await new Promise((r) => setTimeout(r, 5));
  const now = performance.now();
  owed += (now - last) * ratePerMs;
  rushOwed += (now - last) * rushPerMs;
  last = now;
  for (; owed >= 1; owed--) {
    const s = pickOf(spec.staff);
    pending.push(send(s, spec.baseline ? { route: 'GET /auth/me (baseline)', method: 'GET', path: '/api/v1/auth/me' } : nextAction(s)));
  }
  for (; rushOwed >= 1 && rushNext < leaders.length; rushOwed--) {
    const s = leaders[rushNext++] as StaffMember;
    const figures = { householdsVisited: Math.floor(Math.random() * 40), newArrivals: Math.floor(Math.random() * 3) };
    pending.push(send(s, { route: 'POST /daily-reports (16:30 rush)', method: 'POST', path: '/api/v1/daily-reports', body: { regionId: s.regionId, date: spec.day, figures } }));
  }
}
await Promise.all(pending);
for (const c of streams) c.abort();

const pct = (sorted: number[], p: number) => Number((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(1));
const routes = [...new Set([...times.keys(), ...failures.keys()])].map((route) => {
  const sorted = (times.get(route) ?? []).sort((a, b) => a - b);
  return { route, count: sorted.length, p50: pct(sorted, 0.5), p95: pct(sorted, 0.95), p99: pct(sorted, 0.99), failures: failures.get(route) ?? {}, all: sorted.map((t) => Math.round(t * 10) / 10) };
});
// This process's own CPU time over its wall time: the share of the machine the load took.
const cpu = process.cpuUsage();
const cpuShare = (cpu.user + cpu.system) / 1000 / (performance.now() - started);
// Into a file beside the spec: the latencies are too long a line for the parent's output buffer.
fs.writeFileSync(`${process.env.SPEC}.out.json`, JSON.stringify({ routes, inFlightAtEnd: inFlight, cpuShare }));
process.exit(0);
