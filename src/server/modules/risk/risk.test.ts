import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { tick } from '../../platform/jobs.ts';
import { addDays, dayIn } from '../../platform/time.ts';
import { readCounters } from '../stats/counters.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { anIdNumber } from '../../../../test/support/people.ts';
import { riskDailyJob } from './risk.jobs.ts';
import { insertRiskJob, runRiskJob } from './risk.recompute.ts';
import type { RegionLevel } from '../../../shared/regions.ts';

let t: TestApp;
let worker: Record<string, string>;
let admin: Record<string, string>;
let today: string;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  admin = (await signIn(t.app, 'admin', t.tree.county)).headers;
  today = dayIn(t.app.config.timeZone);
});
afterAll(() => t.close());

const inject = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method, url, headers, payload });
const newPerson = async (over: Record<string, unknown> = {}, regionId = t.tree.gridA) => {
  const res = await inject('POST', '/api/v1/persons', (await signIn(t.app, 'grid_worker', regionId)).headers, { regionId, name: '张三', category: 'resident', ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number }>();
};
const riskOf = async (personId: string) => {
  const row = await t.app.db.selectFrom('person_risk').select(['colour', 'reasons']).where('person_id', '=', personId).executeTakeFirst();
  return row ? { colour: row.colour, reasons: JSON.parse(row.reasons) as string[] } : { colour: 'green', reasons: [] };
};
const counters = async (regionId: number) => {
  const bag = (await readCounters(t.app.db, [regionId], 'risk.')).get(regionId) ?? {};
  return { yellow: bag['risk.yellow'] ?? 0, red: bag['risk.red'] ?? 0 };
};
/** What the counters should say: a scan of the stored colours of the subtree's people. */
const scan = async (regionId: number) => {
  const { path } = await t.app.db.selectFrom('regions').select('path').where('id', '=', regionId).executeTakeFirstOrThrow();
  const rows = await t.app.db
    .selectFrom('person_risk as k')
    .innerJoin('regions as r', 'r.id', 'k.region_id')
    .select(['k.colour', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.path', 'like', `${path}%`)
    .groupBy('k.colour')
    .execute();
  const n = (c: string) => Number(rows.find((r) => r.colour === c)?.n ?? 0);
  return { yellow: n('yellow'), red: n('red') };
};
const waitForJob = async (id: string) => {
  for (let i = 0; i < 200; i += 1) {
    const res = await inject('GET', `/api/v1/risk/jobs/${id}`, admin);
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json<{ status: string; progress: number; processed: number; total: number; changed: number }>();
    if (job.status !== 'queued' && job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('job did not finish');
};
const defaults = async () => (await inject('GET', '/api/v1/risk/rules', admin)).json<{ rules: Record<string, unknown>[] }>().rules;

describe('risk rules', () => {
  it('starts with the built-in rules, readable by all staff', async () => {
    const res = await inject('GET', '/api/v1/risk/rules', worker);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ countyId: t.tree.county, updatedAt: null });
    expect(body.rules.map((r: { kind: string }) => r.kind)).toEqual(['arrived_from_area', 'under_quarantine', 'fever', 'key_person']);
  });

  it('refuses bad rules naming the field, and writers below the county or without the role', async () => {
    const bad = async (rule: object) => {
      const res = await inject('PUT', '/api/v1/risk/rules', admin, { rules: [rule] });
      expect(res.statusCode, res.body).toBe(400);
      return res.json<{ error: { details: { path: string }[] } }>().error.details.map((d) => d.path);
    };
    expect(await bad({ kind: 'arrived_from_area', areas: [], withinDays: 14, colour: 'yellow', label: '来自' })).toContain('rules.0.areas');
    expect(await bad({ kind: 'fever', withinDays: 0, colour: 'red', label: '发热' })).toContain('rules.0.withinDays');
    expect(await bad({ kind: 'fever', withinDays: 61, colour: 'red', label: '发热' })).toContain('rules.0.withinDays');
    expect(await bad({ kind: 'key_person', colour: 'green', label: '重点' })).toContain('rules.0.colour');
    expect(await bad({ kind: 'key_person', colour: 'red', label: '' })).toContain('rules.0.label');
    expect(await bad({ kind: 'category', categories: [], colour: 'red', label: '访客' })).toContain('rules.0.categories');
    const twice = await inject('PUT', '/api/v1/risk/rules', admin, { rules: [{ id: 'x', kind: 'key_person', colour: 'red', label: 'a' }, { id: 'x', kind: 'key_person', colour: 'red', label: 'b' }] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details[0].path).toBe('rules.1.id');

    expect((await inject('PUT', '/api/v1/risk/rules', worker, { rules: [] })).statusCode).toBe(403);
    const townCommander = (await signIn(t.app, 'commander', t.tree.townA)).headers;
    expect((await inject('PUT', '/api/v1/risk/rules', townCommander, { rules: [] })).statusCode).toBe(403);
    expect((await defaults()).length).toBe(4);
  });
});

describe('colours kept with each write', () => {
  it('colours a person on registration and again on an edit, with the counters', async () => {
    const before = await counters(t.tree.county);
    const p = await newPerson({ category: 'returnee', origin: '湖北省武汉市', arrivedOn: today });
    expect(await riskOf(p.id)).toEqual({ colour: 'yellow', reasons: ['14天内来自重点地区'] });
    expect(await counters(t.tree.county)).toEqual({ ...before, yellow: before.yellow + 1 });
    expect(await counters(t.tree.gridA)).toEqual(await scan(t.tree.gridA));

    const edit = await inject('PATCH', `/api/v1/persons/${p.id}`, worker, { baseVersion: p.version, origin: '北京市' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await riskOf(p.id)).toEqual({ colour: 'green', reasons: [] });
    expect(await counters(t.tree.county)).toEqual(before);

    const old = await newPerson({ category: 'returnee', origin: '湖北省武汉市', arrivedOn: addDays(today, -20) });
    expect((await riskOf(old.id)).colour).toBe('green');
  });

  it('follows quarantine: ordered → yellow, a fever check → red, released → still red for the fever', async () => {
    const p = await newPerson();
    const order = await inject('POST', '/api/v1/quarantines', worker, { personId: p.id, reason: '密接', startOn: today });
    expect(order.statusCode, order.body).toBe(201);
    expect(await riskOf(p.id)).toEqual({ colour: 'yellow', reasons: ['居家隔离中'] });
    const orderId = order.json<{ id: string }>().id;

    const normal = await inject('POST', `/api/v1/quarantines/${orderId}/checks`, worker, { temperature: 36.5 });
    expect(normal.statusCode).toBe(201);
    expect((await riskOf(p.id)).colour).toBe('yellow');
    const hot = await inject('POST', `/api/v1/quarantines/${orderId}/checks`, worker, { temperature: 38.2 });
    expect(hot.json().alert).toBe(true);
    expect(await riskOf(p.id)).toEqual({ colour: 'red', reasons: ['发热', '居家隔离中'] });

    const release = await inject('POST', `/api/v1/quarantines/${orderId}/release`, worker, { note: '期满' });
    expect(release.statusCode, release.body).toBe(200);
    expect(await riskOf(p.id)).toEqual({ colour: 'red', reasons: ['发热'] });
    expect(await counters(t.tree.county)).toEqual(await scan(t.tree.county));

    // Ten days later the fever check is out of the 7-day window, but the open alert keeps the
    // person red until someone acknowledges it.
    await t.app.db.updateTable('quarantine_checks').set({ day: addDays(today, -10) }).where('order_id', '=', orderId).execute();
    const alert = await t.app.db.selectFrom('quarantine_alerts').select('id').where('order_id', '=', orderId).where('kind', '=', 'fever').executeTakeFirstOrThrow();
    const ack = await inject('POST', `/api/v1/quarantines/alerts/${alert.id}/ack`, worker);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(await riskOf(p.id)).toEqual({ colour: 'green', reasons: [] });
    expect(await counters(t.tree.county)).toEqual(await scan(t.tree.county));
  });

  it('turns a person who left green', async () => {
    const household = (await inject('POST', '/api/v1/households', worker, { regionId: t.tree.gridA, address: '东村9号' })).json<{ id: string }>().id;
    const p = await newPerson({ householdId: household, category: 'returnee', origin: '武汉', arrivedOn: today });
    expect((await riskOf(p.id)).colour).toBe('yellow');
    const visit = await inject('POST', '/api/v1/visits', worker, { householdId: household, outcome: 'verified', checked: [], leftPersonIds: [p.id] });
    expect(visit.statusCode, visit.body).toBe(201);
    expect((await riskOf(p.id)).colour).toBe('green');
    expect(await counters(t.tree.county)).toEqual(await scan(t.tree.county));
  });
});

describe('colours of imported people', () => {
  it('colours the people of an import in its final transaction', async () => {
    const { code } = await t.app.db.selectFrom('regions').select('code').where('id', '=', t.tree.gridA).executeTakeFirstOrThrow();
    const header = ['网格代码', '地址', '姓名', '身份证号', '人员类别', '来源地', '到达日期'];
    const rows = [
      [code, '东村导入1号', '导入甲', anIdNumber(), 'returnee', '湖北省武汉市', today],
      [code, '东村导入2号', '导入乙', anIdNumber(), 'resident', '', ''],
    ];
    const csv = Buffer.from([header, ...rows].map((r) => r.join(',')).join('\r\n'));
    const body = multipart(csv, { regionId: String(t.tree.gridA), mode: 'valid-rows' }, 'people.csv');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports/persons', headers: { ...worker, ...body.headers }, payload: body.payload });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json<{ id: string }>().id;
    let job = { status: 'queued', imported: 0 };
    for (let i = 0; i < 400 && job.status !== 'done' && job.status !== 'failed'; i += 1) {
      await new Promise((r) => setTimeout(r, 25));
      job = (await inject('GET', `/api/v1/imports/${id}`, worker)).json();
    }
    expect(job).toMatchObject({ status: 'done', imported: 2 });
    const imported = await t.app.db.selectFrom('persons').select(['id', 'name']).where('name', 'in', ['导入甲', '导入乙']).execute();
    const byName = new Map(imported.map((p) => [p.name, p.id]));
    expect(await riskOf(byName.get('导入甲') ?? '')).toEqual({ colour: 'yellow', reasons: ['14天内来自重点地区'] });
    expect((await riskOf(byName.get('导入乙') ?? '')).colour).toBe('green');
    expect(await counters(t.tree.county)).toEqual(await scan(t.tree.county));
  });
});

describe('full recompute after a rule change', () => {
  it('recolours everyone in a background job, keeps counters equal to a scan, and audits the change', async () => {
    const visitor = await newPerson({ category: 'visitor', name: '访客甲' }, t.tree.gridB);
    const other = await newPerson({ category: 'visitor', name: '访客乙' }, t.tree.gridA2);
    expect((await riskOf(visitor.id)).colour).toBe('green');
    const rules = [...(await defaults()), { kind: 'category', categories: ['visitor'], colour: 'red', label: '外来访客' }];
    const res = await inject('PUT', '/api/v1/risk/rules', admin, { rules });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<{ jobId: string; rules: { id: string; label: string }[] }>();
    expect(saved.rules.at(-1)?.id).toMatch(/^[A-Za-z0-9_-]+$/);
    const job = await waitForJob(saved.jobId);
    expect(job).toMatchObject({ status: 'done', progress: 1000 });
    expect(job.processed).toBe(job.total);
    expect(job.changed).toBeGreaterThanOrEqual(2);
    expect(await riskOf(visitor.id)).toEqual({ colour: 'red', reasons: ['外来访客'] });
    expect((await riskOf(other.id)).colour).toBe('red');
    for (const region of [t.tree.county, t.tree.townA, t.tree.villageB, t.tree.gridB]) expect(await counters(region)).toEqual(await scan(region));

    const audit = await t.app.db.selectFrom('audit_log').select(['action', 'details']).where('entity', '=', 'risk_rules').execute();
    expect(audit.map((a) => a.action)).toContain('update');

    // And back: without the rule the visitors are green again.
    const back = await inject('PUT', '/api/v1/risk/rules', admin, { rules: rules.slice(0, -1) });
    await waitForJob(back.json<{ jobId: string }>().jobId);
    expect((await riskOf(visitor.id)).colour).toBe('green');
    expect(await counters(t.tree.county)).toEqual(await scan(t.tree.county));
  });

  it('pages through the county and the daily job runs once a day', async () => {
    for (let i = 0; i < 3; i += 1) await newPerson({ category: 'returnee', origin: '广东省深圳市', arrivedOn: today, name: `深圳${i}` });
    const job = riskDailyJob({ timeZone: t.app.config.timeZone, at: '00:00' });
    const now = new Date();
    expect(await tick(t.app.db, [job], now)).toEqual(['risk-daily-recompute']);
    expect(await tick(t.app.db, [job], now)).toEqual([]);
    const last = await t.app.db.selectFrom('risk_jobs').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.status).toBe('done');
    expect(await counters(t.tree.county)).toEqual(await scan(t.tree.county));

    // Pages of two people: every person is seen once, and the stored colours do not change.
    const before = await t.app.db.selectFrom('person_risk').select(['person_id', 'colour', 'reasons']).orderBy('person_id').execute();
    const jobId = await insertRiskJob(t.app.db, t.tree.county, null);
    await runRiskJob({ db: t.app.db, today: dayIn(t.app.config.timeZone), pageSize: 2 }, jobId);
    const paged = await t.app.db.selectFrom('risk_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    const persons = await t.app.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect({ status: paged.status, processed: Number(paged.processed), changed: Number(paged.changed) }).toEqual({ status: 'done', processed: Number(persons.n), changed: 0 });
    expect(await t.app.db.selectFrom('person_risk').select(['person_id', 'colour', 'reasons']).orderBy('person_id').execute()).toEqual(before);
  });
});

describe('reading colours', () => {
  it('sums a region and its children, and lists the red and yellow people of the subtree only, names and reasons only', async () => {
    const p = await newPerson({ category: 'returnee', origin: '湖北省武汉市', arrivedOn: today, name: '王五', phone: '13800138000' }, t.tree.gridB);
    const town = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const summary = await inject('GET', `/api/v1/risk/summary?regionId=${t.tree.townA}`, town);
    expect(summary.statusCode, summary.body).toBe(200);
    const s = summary.json();
    expect(s.yellow).toBeGreaterThanOrEqual(1);
    expect(s.colour).toBe(s.red > 0 ? 'red' : 'yellow');
    expect(s.green + s.yellow + s.red).toBe(s.persons);
    const villageB = s.children.find((c: { regionId: number }) => c.regionId === t.tree.villageB);
    expect(villageB).toMatchObject({ colour: 'yellow', yellow: 1, red: 0 });

    const list = await inject('GET', `/api/v1/risk/persons?regionId=${t.tree.villageB}&colour=yellow`, town);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ personId: p.id, name: '王五', colour: 'yellow', reasons: ['14天内来自重点地区'], regionId: t.tree.gridB })]);
    expect(list.body).not.toContain('13800138000');

    const gridBWorker = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
    expect((await inject('GET', `/api/v1/risk/persons?regionId=${t.tree.gridA}`, gridBWorker)).statusCode).toBe(403);
    const own = (await inject('GET', '/api/v1/risk/persons', gridBWorker)).json<{ items: { regionId: number }[] }>();
    expect(own.items.every((i) => i.regionId === t.tree.gridB)).toBe(true);
    expect((await inject('GET', `/api/v1/risk/summary?regionId=${t.tree.gridA}`, gridBWorker)).statusCode).toBe(403);
    const auditor = (await signIn(t.app, 'auditor', t.tree.county)).headers;
    expect((await inject('GET', '/api/v1/risk/summary', auditor)).statusCode).toBe(403);
  });

  it('pages the list with a cursor', async () => {
    for (const name of ['翻页甲', '翻页乙']) await newPerson({ category: 'returnee', origin: '武汉', arrivedOn: today, name });
    const first = await inject('GET', `/api/v1/risk/persons?regionId=${t.tree.county}&limit=1`, admin);
    const body = first.json<{ items: { personId: string }[]; nextCursor: string | null }>();
    expect(body.items).toHaveLength(1);
    expect(body.nextCursor).not.toBeNull();
    const next = await inject('GET', `/api/v1/risk/persons?regionId=${t.tree.county}&limit=1&cursor=${body.nextCursor}`, admin);
    expect(next.json().items[0].personId > (body.items[0]?.personId ?? '')).toBe(true);
  });
});

describe('several counties in one database', () => {
  it('keeps each county’s rules and recompute to its own people', async () => {
    const now = new Date().toISOString();
    const addRegion = async (parentPath: string | null, parentId: number | null, level: RegionLevel, code: string, name: string) => {
      const { id } = await t.app.db
        .insertInto('regions')
        .values({ parent_id: parentId, level, code, name, path: '/pending/', depth: parentPath ? parentPath.split('/').length - 1 : 1, active: 1, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const path = `${parentPath ?? '/'}${id}/`;
      await t.app.db.updateTable('regions').set({ path }).where('id', '=', id).execute();
      return { id, path };
    };
    const other = await addRegion(null, null, 'county', '339902', '邻县');
    const town = await addRegion(other.path, other.id, 'town', '339902001000', '邻镇');
    const village = await addRegion(town.path, town.id, 'village', '339902001001', '邻村');
    const grid = await addRegion(village.path, village.id, 'grid', '339902001101', '邻村网格');

    const theirs = await newPerson({ category: 'visitor', name: '邻县访客' }, grid.id);
    const ours = await newPerson({ category: 'visitor', name: '本县访客' }, t.tree.gridA);
    const rules = [...(await defaults()), { kind: 'category', categories: ['visitor'], colour: 'red', label: '本县访客规则' }];
    const saved = await inject('PUT', '/api/v1/risk/rules', admin, { rules });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await waitForJob(saved.json<{ jobId: string }>().jobId)).toMatchObject({ status: 'done' });
    expect((await riskOf(ours.id)).colour).toBe('red');
    expect((await riskOf(theirs.id)).colour).toBe('green');

    const theirCommander = (await signIn(t.app, 'commander', other.id)).headers;
    const theirRules = (await inject('GET', '/api/v1/risk/rules', theirCommander)).json();
    expect(theirRules).toMatchObject({ countyId: other.id, updatedAt: null });
    expect(await counters(other.id)).toEqual(await scan(other.id));
    expect(await counters(t.tree.county)).toEqual(await scan(t.tree.county));
    // The other county's admin cannot read this county's job.
    const theirAdmin = (await signIn(t.app, 'admin', other.id)).headers;
    expect((await inject('GET', `/api/v1/risk/jobs/${saved.json<{ jobId: string }>().jobId}`, theirAdmin)).statusCode).toBe(403);
  });
});
