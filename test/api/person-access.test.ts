// Issue 21, items 3 and 4: health data encrypted at rest; a person's access request (查阅复制)
// gathering every kind of record; correction requests. Runs on SQLite and PostgreSQL.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCRYPTED_COLUMNS } from '../../src/server/modules/households/households.tables.ts';
import { fieldCryptoOf, newKeyringJson, withNewKey } from '../../src/server/platform/crypto.ts';
import { reencryptAll } from '../../src/server/platform/rekey.ts';
import { type TestApp, buildLoggingTestApp, signIn } from '../support/app.ts';
import { entityBuilders } from '../support/entity-builders.ts';
import { aMobile, anIdNumber } from '../support/people.ts';

const ring = newKeyringJson();
let t: TestApp;
const logs: string[] = [];
let worker: Record<string, string>;
const idNumber = anIdNumber('19790205');
const phone = aMobile(4242);
let personId: string;
let orderId: string;

const post = (url: string, payload: object, headers = worker) => t.app.inject({ method: 'POST', url, headers, payload });
const accessRequest = (payload: object, headers = worker) => post('/api/v1/persons/access-requests', payload, headers);

async function sheetsOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const out = new Map<string, string[][]>();
  wb.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : typeof v === 'object' && 'richText' in (v as object) ? (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('') : String(v)))));
    out.set(sheet.name, rows);
  });
  return out;
}

beforeAll(async () => {
  t = await buildLoggingTestApp((line) => logs.push(line));
  // buildLoggingTestApp uses an ephemeral keyring; the rekey test below needs the one the rows use.
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  const household = await post('/api/v1/households', { regionId: t.tree.gridA, address: '查阅路1号' });
  expect(household.statusCode, household.body).toBe(201);
  const householdId = household.json<{ id: string }>().id;
  const person = await post('/api/v1/persons', { regionId: t.tree.gridA, householdId, name: '查阅人', category: 'resident', idNumber, phone });
  expect(person.statusCode, person.body).toBe(201);
  personId = person.json<{ id: string }>().id;
  const visit = await post('/api/v1/visits', { householdId, outcome: 'verified', note: '走访备注甲' });
  expect(visit.statusCode, visit.body).toBe(201);
  const order = await post('/api/v1/quarantines', { personId, reason: '密接者隔离原因', startOn: new Date().toISOString().slice(0, 10) });
  expect(order.statusCode, order.body).toBe(201);
  orderId = order.json<{ id: string }>().id;
  const check = await post(`/api/v1/quarantines/${orderId}/checks`, { temperature: 38.1, symptoms: ['cough'], note: '咳嗽两天' });
  expect(check.statusCode, check.body).toBe(201);
  const handover = await post(`/api/v1/persons/${personId}/handovers`, { toRegionId: t.tree.gridA2, reason: '搬到第二网格' });
  expect(handover.statusCode, handover.body).toBe(201);
  const responsible = await t.app.inject({ method: 'PUT', url: `/api/v1/persons/${personId}/responsible`, headers: worker, payload: { members: [{ role: 'family', name: '家属乙', phone: aMobile(4343) }] } });
  expect(responsible.statusCode, responsible.body).toBe(200);
  // Records other modules keep, pointed at the person the way the public filed them.
  const crypto = t.app.fieldCrypto;
  const tipId = await entityBuilders.tip?.(t.app, t.tree.gridA);
  await t.app.db.updateTable('tips').set({ phone_hash: crypto.index(phone), phone_enc: crypto.encrypt(phone), description: '自己手机举报的线索' }).where('id', '=', String(tipId)).execute();
  const arrivalId = await entityBuilders.arrival_entry?.(t.app, t.tree.gridA);
  await t.app.db.updateTable('arrival_entries').set({ id_number_hash: crypto.index(idNumber), id_number_enc: crypto.encrypt(idNumber), name: '查阅人返乡' }).where('id', '=', String(arrivalId)).execute();
  const taskId = await entityBuilders.verification_task?.(t.app, t.tree.gridA);
  await t.app.db.updateTable('verification_tasks').set({ id_number_hash: crypto.index(idNumber), name: '查阅人核查' }).where('id', '=', String(taskId)).execute();
  const formId = await entityBuilders.form?.(t.app, t.tree.gridA);
  await t.app.db.updateTable('forms').set({ person_id: personId }).where('id', '=', String(formId)).execute();
  // A full read with a purpose: the access request lists it.
  const read = await t.app.inject({ method: 'GET', url: `/api/v1/persons/${personId}?reveal=true&purpose=${encodeURIComponent('核对身份')}`, headers: worker });
  expect(read.statusCode, read.body).toBe(200);
});
afterAll(() => t.close());

describe('health data at rest', () => {
  it('stores a quarantine’s reason and a check’s temperature, symptoms and note as ciphertext, the fever flag in clear', async () => {
    const order = await t.app.db.selectFrom('quarantine_orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
    expect(JSON.stringify(order)).not.toContain('密接者');
    expect(t.app.fieldCrypto.decrypt(order.reason_enc)).toBe('密接者隔离原因');
    const check = await t.app.db.selectFrom('quarantine_checks').selectAll().where('order_id', '=', orderId).executeTakeFirstOrThrow();
    const raw = JSON.stringify(check);
    for (const plain of ['38.1', 'cough', '咳嗽']) expect(raw).not.toContain(plain);
    expect(Number(check.fever)).toBe(1);
    // The detail (audited) decrypts; the fever alert was raised from the flag.
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/quarantines/${orderId}`, headers: worker });
    expect(detail.json()).toMatchObject({ reason: '密接者隔离原因', checks: [{ temperature: 38.1, symptoms: ['cough'], note: '咳嗽两天', fever: true }] });
    const alerts = await t.app.db.selectFrom('quarantine_alerts').select('kind').where('order_id', '=', orderId).execute();
    expect(alerts).toEqual([{ kind: 'fever' }]);
  });

  it('shows the reason on lists only to the order’s monitor, per role', async () => {
    const monitor = await signIn(t.app, 'grid_worker', t.tree.gridA);
    await t.app.db.updateTable('quarantine_orders').set({ monitor_user_id: monitor.user.id }).where('id', '=', orderId).execute();
    const reasonFor = async (headers: Record<string, string>) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/quarantines?regionId=${t.tree.gridA}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ items: { id: string; reason: string | null }[] }>().items.find((o) => o.id === orderId)?.reason;
    };
    expect(await reasonFor(monitor.headers)).toBe('密接者隔离原因');
    for (const role of ['grid_worker', 'grid_leader', 'village_secretary', 'town_officer', 'commander', 'admin'] as const) {
      const region = role === 'grid_worker' || role === 'grid_leader' ? t.tree.gridA : role === 'village_secretary' ? t.tree.villageA : role === 'town_officer' ? t.tree.townA : t.tree.county;
      expect(await reasonFor((await signIn(t.app, role, region)).headers), role).toBeNull();
    }
    const auditor = await signIn(t.app, 'auditor', t.tree.county);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/quarantines?regionId=${t.tree.gridA}`, headers: auditor.headers })).statusCode).toBe(403);
  });

  it('is re-encrypted by a key rotation with the ID numbers', async () => {
    const old = fieldCryptoOf(ring);
    const rotated = withNewKey(ring);
    // Rows under the test app's own key are re-encrypted under a new keyring holding it too.
    const appRing = { ...rotated, keys: { ...rotated.keys } };
    const crypto = fieldCryptoOf(appRing);
    void old;
    const before = await t.app.db.selectFrom('quarantine_checks').select(['id', 'temperature_enc']).where('order_id', '=', orderId).executeTakeFirstOrThrow();
    // Write one check under the old keyring so there is something stale to rotate.
    await t.app.db.updateTable('quarantine_checks').set({ temperature_enc: old.encrypt('38.1'), symptoms_enc: old.encrypt('["cough"]'), note_enc: old.encrypt('咳嗽两天') }).where('id', '=', before.id).execute();
    await t.app.db.updateTable('quarantine_orders').set({ reason_enc: old.encrypt('密接者隔离原因') }).where('id', '=', orderId).execute();
    const targets = ENCRYPTED_COLUMNS.filter((c) => c.table === 'quarantine_checks' || c.table === 'quarantine_orders');
    expect(targets.map((c) => c.table).sort()).toEqual(['quarantine_checks', 'quarantine_orders']);
    const n = await reencryptAll(t.app.db, crypto, targets.filter((c) => c.table === 'quarantine_checks').map((c) => ({ ...c })), undefined, 1);
    expect(n).toBeGreaterThanOrEqual(1);
    await reencryptAll(t.app.db, crypto, targets.filter((c) => c.table === 'quarantine_orders'));
    const after = await t.app.db.selectFrom('quarantine_checks').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    const retired = fieldCryptoOf({ ...appRing, keys: { [appRing.current]: appRing.keys[appRing.current] ?? '' } });
    expect(retired.decrypt(after.temperature_enc)).toBe('38.1');
    expect(retired.decrypt(after.symptoms_enc)).toBe('["cough"]');
    expect(retired.decrypt(after.note_enc ?? '')).toBe('咳嗽两天');
    const order = await t.app.db.selectFrom('quarantine_orders').select('reason_enc').where('id', '=', orderId).executeTakeFirstOrThrow();
    expect(retired.decrypt(order.reason_enc)).toBe('密接者隔离原因');
    // Put the app's own ciphertexts back for the tests that read through the API.
    const own = t.app.fieldCrypto;
    await t.app.db.updateTable('quarantine_checks').set({ temperature_enc: own.encrypt('38.1'), symptoms_enc: own.encrypt('["cough"]'), note_enc: own.encrypt('咳嗽两天') }).where('id', '=', before.id).execute();
    await t.app.db.updateTable('quarantine_orders').set({ reason_enc: own.encrypt('密接者隔离原因') }).where('id', '=', orderId).execute();
  });
});

describe('the access request (查阅复制)', () => {
  it('produces every kind of data about the person as xlsx, audited with the purpose', async () => {
    const res = await accessRequest({ idNumber, purpose: '本人申请查阅 2026-001', format: 'xlsx' });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const sheets = await sheetsOf(res.rawPayload);
    const rowsOf = (title: string) => (sheets.get(title) ?? []).slice(1).map((r) => r.join('|'));
    expect(rowsOf('人员登记')[0]).toContain(idNumber);
    expect(rowsOf('人员登记')[0]).toContain(phone);
    expect(rowsOf('住户')[0]).toContain('查阅路1号');
    expect(rowsOf('入户走访')[0]).toContain('走访备注甲');
    expect(rowsOf('表单')).toHaveLength(1);
    expect(rowsOf('居家隔离')[0]).toContain('密接者隔离原因');
    expect(rowsOf('健康监测')[0]).toContain('38.1');
    expect(rowsOf('健康监测')[0]).toContain('咳嗽两天');
    expect(rowsOf('返乡报备')[0]).toContain('查阅人返乡');
    expect(rowsOf('核查任务')[0]).toContain('查阅人核查');
    expect(rowsOf('人员移交')[0]).toContain('搬到第二网格');
    expect(rowsOf('包保责任人')[0]).toContain('家属乙');
    expect(rowsOf('举报线索')[0]).toContain('自己手机举报的线索');
    expect(rowsOf('查阅记录').some((r) => r.includes('核对身份'))).toBe(true);
    const audit = await t.app.db.selectFrom('audit_log').selectAll().where('action', '=', 'access_request').where('entity_id', '=', personId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.purpose).toBe('本人申请查阅 2026-001');
    expect(JSON.stringify(audit)).not.toContain(idNumber);
    // A second request lists the first among the reads.
    const again = await sheetsOf((await accessRequest({ idNumber, purpose: '第二次查阅' })).rawPayload);
    expect((again.get('查阅记录') ?? []).some((r) => r.includes('本人申请查阅 2026-001'))).toBe(true);
  });

  it('prints the same as a page, every value escaped', async () => {
    const res = await accessRequest({ idNumber, purpose: '打印给本人', format: 'html' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('密接者隔离原因');
    expect(res.body).toContain('<h2>健康监测</h2>');
  });

  it('refuses without a purpose, with a bad ID number, outside the subtree and for roles that may not read full records', async () => {
    const noPurpose = await accessRequest({ idNumber });
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.body).toContain('purpose');
    expect(noPurpose.body).not.toContain(idNumber);
    const bad = await accessRequest({ idNumber: '123456', purpose: '核对' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details[0].path).toBe('idNumber');
    const elsewhere = await accessRequest({ idNumber, purpose: '核对' }, (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).not.toContain(idNumber);
    for (const role of ['commander', 'auditor', 'patrol_member'] as const) {
      const res = await accessRequest({ idNumber, purpose: '核对' }, (await signIn(t.app, role, t.tree.county)).headers);
      expect(res.statusCode, role).toBe(403);
    }
    const writes = await t.app.db.selectFrom('audit_log').select('id').where('action', '=', 'access_request').where('purpose', '=', '核对').execute();
    expect(writes).toHaveLength(0);
  });

  it('never writes the ID number, phone or health data into the log', () => {
    const all = logs.join('\n');
    for (const secret of [idNumber, phone, '密接者隔离原因', '咳嗽两天']) expect(all).not.toContain(secret);
  });
});

describe('correction requests (更正)', () => {
  it('records a request, lists it on the person, decides it once, and audits each step', async () => {
    const url = `/api/v1/persons/${personId}/corrections`;
    const created = await post(url, { fields: ['phone'], asked: `手机号应为 ${aMobile(77)}` });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json<{ id: string; status: string; version: number }>();
    expect(c.status).toBe('pending');
    const raw = await t.app.db.selectFrom('correction_requests').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(raw.asked_enc).not.toContain('手机号');
    const noReason = await post(`${url}/${c.id}/decision`, { outcome: 'refused', version: c.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('answer');
    const decided = await post(`${url}/${c.id}/decision`, { outcome: 'refused', answer: '号码核对无误', version: c.version });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'refused', answer: '号码核对无误' });
    const twice = await post(`${url}/${c.id}/decision`, { outcome: 'corrected', version: c.version + 1 });
    expect(twice.statusCode).toBe(409);
    const list = await t.app.inject({ method: 'GET', url, headers: worker });
    expect(list.json().items).toEqual([expect.objectContaining({ id: c.id, status: 'refused', fields: ['phone'] })]);
    const actions = (await t.app.db.selectFrom('audit_log').select('action').where('entity_id', '=', personId).where('action', 'like', 'correction%').execute()).map((a) => a.action).sort();
    expect(actions).toEqual(['correction_decided', 'correction_request']);
    const outside = await t.app.inject({ method: 'GET', url, headers: (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers });
    expect(outside.statusCode).toBe(404);
  });
});
