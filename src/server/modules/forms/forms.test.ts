import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { entityBuilders } from '../../../../test/support/entity-builders.ts';
import { multipart } from '../../../../test/support/multipart.ts';
import { aMobile, anIdNumber } from '../../../../test/support/people.ts';
import sharp from 'sharp';
import { aPhotoWithGps, aPng } from '../../../../test/support/photos.ts';
import { nowIso } from '../../platform/ids.ts';
import { sha256Of } from './forms-signing.service.ts';
import { storeFile } from './forms.queries.ts';

let t: TestApp;
let worker: Record<string, string>;
let householdId: string;
let personId: string;
let idNumber: string;
beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  householdId = (await inject('POST', '/api/v1/households', { regionId: t.tree.gridA, address: '东村3组8号', room: '201', isRental: true, landlordName: '王房东', landlordPhone: aMobile(7) })).json().id;
  idNumber = anIdNumber('19920405');
  const person = { householdId, name: '赵流动', idNumber, phone: aMobile(8), category: 'floating', origin: '湖北省武汉市', arrivedOn: '2026-11-20', travelMode: 'train', employer: '东村纺织厂', dwellingRelation: 'tenant' };
  personId = (await inject('POST', '/api/v1/persons', person)).json().id;
});
afterAll(() => t.close());

function inject(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = worker) {
  return t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;
/** An image's decoded pixels (RGBA), to compare what was drawn with what is served. */
const pixels = (image: Buffer) => sharp(image).ensureAlpha().raw().toBuffer();

const uploadScan = (formId: string, file: Buffer, extra: Record<string, string> = {}) => {
  const body = multipart(file, {}, 'scan.bin');
  return t.app.inject({ method: 'POST', url: `/api/v1/forms/${formId}/scan`, headers: { ...worker, ...body.headers, ...extra }, payload: body.payload });
};

const aRegistration = async (fields: object = { reasonForStay: '务工' }) => {
  const res = await inject('POST', '/api/v1/forms', { kind: 'floating_registration', householdId, personId, fields });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; fields: Record<string, unknown> };
};
const auditOf = (entityId: string) =>
  t.app.db.selectFrom('audit_log').select(['action', 'entity', 'purpose', 'details']).where('entity_id', '=', entityId).orderBy('at').execute();

describe('creating forms', () => {
  it('creates a registration form prefilled from the person, once however often it is resent', async () => {
    const id = '01932f6e-1c2a-7def-8a00-00000000f001';
    const body = { id, kind: 'floating_registration', householdId, personId, fields: { reasonForStay: '务工', plannedStayUntil: '2027-06-30' } };
    const first = await inject('POST', '/api/v1/forms', body, { ...worker, 'idempotency-key': 'form-create-0001' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      id,
      kind: 'floating_registration',
      regionId: t.tree.gridA,
      personId,
      status: 'pending',
      signedAt: null,
      fields: { name: '赵流动', origin: '湖北省武汉市', arrivedOn: '2026-11-20', travelMode: 'train', employer: '东村纺织厂', residenceAddress: '东村3组8号 201室', reasonForStay: '务工' },
    });
    const resent = await inject('POST', '/api/v1/forms', body, { ...worker, 'idempotency-key': 'form-create-0001' });
    expect(resent.statusCode).toBe(201);
    expect(resent.json()).toEqual(first.json());
    expect((await inject('POST', '/api/v1/forms', body, { ...worker, 'idempotency-key': 'form-create-0002' })).statusCode).toBe(409);
    const rows = await t.app.db.selectFrom('forms').selectAll().where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
    // The form keeps no ID or phone number: the print view reads them from the person.
    expect(JSON.stringify(rows)).not.toContain(idNumber.slice(6, 14));
    expect((await auditOf(id)).filter((a) => a.entity === 'form').map((a) => a.action)).toEqual(['create']);
  });

  it('creates a rental letter naming the dwelling’s tenants and the current duties', async () => {
    const res = await inject('POST', '/api/v1/forms', { kind: 'rental_responsibility', householdId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().fields).toMatchObject({ landlordName: '王房东', address: '东村3组8号 201室', tenants: [{ personId, name: '赵流动' }], dutiesVersion: '2026.1' });
    const { termStart, termEnd } = res.json().fields;
    expect(termEnd > termStart).toBe(true);
  });

  it('names the bad field of a form', async () => {
    const badDay = await inject('POST', '/api/v1/forms', { kind: 'floating_registration', householdId, personId, fields: { reasonForStay: '务工', arrivedOn: '20.11.2026' } });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().error.details.map((d: { path: string }) => d.path)).toEqual(['fields.arrivedOn']);
    const missing = await inject('POST', '/api/v1/forms', { kind: 'floating_registration', householdId, personId });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([{ path: 'fields.reasonForStay', message: 'required' }]);
    const unknownKind = await inject('POST', '/api/v1/forms', { kind: 'wedding', householdId });
    expect(unknownKind.statusCode).toBe(400);
    expect(unknownKind.json().error.details[0].path).toBe('kind');
    const term = await inject('POST', '/api/v1/forms', { kind: 'rental_responsibility', householdId, fields: { termStart: '2026-12-01', termEnd: '2026-11-01' } });
    expect(term.statusCode).toBe(400);
    expect(term.json().error.details).toEqual([{ path: 'fields.termEnd', message: 'before termStart' }]);
  });

  it('refuses a person of another household and a letter for a dwelling not rented out', async () => {
    const own = (await inject('POST', '/api/v1/households', { regionId: t.tree.gridA, address: '东村3组9号' })).json().id;
    const stranger = await inject('POST', '/api/v1/forms', { kind: 'floating_registration', householdId: own, personId, fields: { reasonForStay: '探亲' } });
    expect(stranger.statusCode).toBe(422);
    expect(stranger.json().error.details[0].path).toBe('personId');
    const letter = await inject('POST', '/api/v1/forms', { kind: 'rental_responsibility', householdId: own, fields: { tenants: [{ name: '某租客' }] } });
    expect(letter.statusCode).toBe(422);
    expect(letter.json().error.details[0].path).toBe('householdId');
  });
});

describe('region scope', () => {
  it('hides a grid-A form from grid B, in reads, lists, edits and signatures', async () => {
    const form = await aRegistration();
    const other = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
    expect((await inject('GET', `/api/v1/forms/${form.id}`, undefined, other)).statusCode).toBe(404);
    expect((await inject('PATCH', `/api/v1/forms/${form.id}`, { fields: { remarks: '改' } }, other)).statusCode).toBe(404);
    expect((await inject('POST', `/api/v1/forms/${form.id}/signature`, { dataUrl: dataUrl(aPng(1)) }, other)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/forms/${form.id}/print`, undefined, other)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/forms?regionId=${t.tree.gridA}`, undefined, other)).statusCode).toBe(403);
    expect((await inject('GET', `/api/v1/forms?householdId=${householdId}`, undefined, other)).statusCode).toBe(404);
    expect((await inject('GET', '/api/v1/forms', undefined, other)).json().items).toEqual([]);
    const mine = (await inject('GET', `/api/v1/forms?householdId=${householdId}&kind=floating_registration&status=pending`)).json();
    expect(mine.items.map((f: { id: string }) => f.id)).toContain(form.id);
    expect(mine.items.every((f: { kind: string; status: string }) => f.kind === 'floating_registration' && f.status === 'pending')).toBe(true);
  });
});

describe('signing', () => {
  it('signs with a drawn signature, serves it uncached and audits the read', async () => {
    const form = await aRegistration();
    const png = aPng(10);
    const signed = await inject('POST', `/api/v1/forms/${form.id}/signature`, { dataUrl: dataUrl(png) });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signatureMethod: 'drawn', signatureType: 'image/png', signedBy: '赵流动' });
    expect(signed.json().signedAt).toBeTruthy();
    const image = await inject('GET', `/api/v1/forms/${form.id}/signature`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['cache-control']).toBe('no-store');
    // Kept re-encoded (a PNG again, pixel for pixel), not as the bytes that came.
    expect(image.rawPayload.equals(png)).toBe(false);
    expect(await pixels(image.rawPayload)).toEqual(await pixels(png));
    expect((await inject('GET', `/api/v1/forms/${form.id}/scan`)).statusCode).toBe(404);
    expect((await auditOf(form.id)).map((a) => `${a.entity}:${a.action}`)).toEqual(['form:create', 'form:sign', 'form_signature:read']);
  });

  it('takes the same signature again as a no-op and refuses another one', async () => {
    const form = await aRegistration();
    const url = `/api/v1/forms/${form.id}/signature`;
    const first = await inject('POST', url, { dataUrl: dataUrl(aPng(20)), signedBy: '赵流动' });
    const again = await inject('POST', url, { dataUrl: dataUrl(aPng(20)), signedBy: '赵流动' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const other = await inject('POST', url, { dataUrl: dataUrl(aPng(30)) });
    expect(other.statusCode).toBe(409);
    expect((await uploadScan(form.id, aPng(20))).statusCode).toBe(409);
    expect((await auditOf(form.id)).filter((a) => a.action === 'sign')).toHaveLength(1);
  });

  it('refuses a drawn signature that is not a PNG or is too large', async () => {
    const form = await aRegistration();
    const url = `/api/v1/forms/${form.id}/signature`;
    const gif = await inject('POST', url, { dataUrl: `data:image/png;base64,${Buffer.from('GIF89a-not-a-png-at-all-xxxxxxxx').toString('base64')}` });
    expect(gif.statusCode).toBe(415);
    expect(gif.json().error.details[0].path).toBe('dataUrl');
    const big = Buffer.concat([aPng(1), Buffer.alloc(210 * 1024)]);
    expect((await inject('POST', url, { dataUrl: dataUrl(big) })).statusCode).toBe(413);
    const notDataUrl = await inject('POST', url, { dataUrl: 'https://example.org/x.png' });
    expect(notDataUrl.statusCode).toBe(400);
    expect(notDataUrl.json().error.details[0].path).toBe('dataUrl');
    expect((await inject('GET', `/api/v1/forms/${form.id}`)).json().status).toBe('pending');
  });

  it('signs with a photo of the signed form, kept re-encoded as a JPEG once per content', async () => {
    const form = await aRegistration();
    const photo = await aPhotoWithGps('jpeg');
    const first = await uploadScan(form.id, photo, { 'idempotency-key': 'form-scan-0001' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ status: 'signed', signatureMethod: 'scan', signatureType: 'image/jpeg' });
    const retried = await uploadScan(form.id, photo, { 'idempotency-key': 'form-scan-0001' });
    expect(retried.json()).toEqual(first.json());
    // The same photo again, with no key: written to the same bytes, so the same signature.
    expect((await uploadScan(form.id, photo)).statusCode).toBe(200);
    const scan = await inject('GET', `/api/v1/forms/${form.id}/scan`);
    expect(scan.headers['content-type']).toBe('image/jpeg');
    expect(scan.headers['cache-control']).toBe('no-store');
    expect(scan.headers['content-disposition']).toBeUndefined();
    expect(scan.rawPayload.equals(photo)).toBe(false);
    expect((await sharp(scan.rawPayload).metadata()).exif).toBeUndefined();
    const files = await t.app.db.selectFrom('form_files').select('sha256').where('sha256', '=', sha256Of(scan.rawPayload)).execute();
    expect(files).toHaveLength(1);
  });

  it('sends a PDF scan kept from before as a download, never shown inside the app', async () => {
    const form = await aRegistration();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
    const sha256 = sha256Of(pdf);
    const at = nowIso();
    await storeFile(t.app.db, { sha256, contentType: 'application/pdf', data: pdf, at });
    const signed = { status: 'signed' as const, signature_method: 'scan', signature_sha256: sha256, signature_type: 'application/pdf', signed_at: at, signed_by: '赵流动', updated_at: at };
    await t.app.db.updateTable('forms').set(signed).where('id', '=', form.id).execute();
    const scan = await inject('GET', `/api/v1/forms/${form.id}/scan`);
    expect(scan.statusCode).toBe(200);
    expect(scan.headers['content-type']).toBe('application/pdf');
    expect(scan.headers['content-disposition']).toBe('attachment; filename="scan.pdf"');
    expect(scan.headers['content-security-policy']).toBe('sandbox');
    expect(scan.rawPayload.equals(pdf)).toBe(true);
  });

  it('refuses a scan that is not an image or is a PDF (415), or larger than 5 MB (413)', async () => {
    const form = await aRegistration();
    const text = await uploadScan(form.id, Buffer.from('this is a text file, not a scan'));
    expect(text.statusCode).toBe(415);
    expect(text.json().error.details[0].path).toBe('file');
    const jpeg = Buffer.alloc(5 * 1024 * 1024 + 10, 0x20);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
    expect((await uploadScan(form.id, jpeg)).statusCode).toBe(413);
    const json = await inject('POST', `/api/v1/forms/${form.id}/scan`, { file: 'x' });
    expect(json.statusCode).toBe(415);
    // JPEG magic bytes and nothing a decoder can read.
    const fake = await uploadScan(form.id, jpeg.subarray(0, 2048));
    expect(fake.statusCode).toBe(415);
    expect(fake.json().error.details).toEqual([{ path: 'file', message: 'cannot be decoded' }]);
    const pdf = await uploadScan(form.id, Buffer.from('%PDF-1.4\n%%EOF\n'));
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().error.details).toEqual([{ path: 'file', message: 'a PDF, not an image' }]);
    expect((await inject('GET', `/api/v1/forms/${form.id}`)).json().status).toBe('pending');
    const ok = await uploadScan(form.id, aPng(99));
    expect(ok.json()).toMatchObject({ status: 'signed', signatureType: 'image/jpeg' });
  });
});

describe('the scope test’s builder', () => {
  it('makes a form inside the given grid', async () => {
    const id = await entityBuilders.form?.(t.app, t.tree.gridA2);
    const own = (await signIn(t.app, 'grid_worker', t.tree.gridA2)).headers;
    const res = await inject('GET', `/api/v1/forms/${id}`, undefined, own);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ regionId: t.tree.gridA2, kind: 'rental_responsibility' });
  });
});

describe('editing and printing', () => {
  it('edits a pending form (audited with the changed fields) and refuses edits once signed', async () => {
    const form = await aRegistration();
    const url = `/api/v1/forms/${form.id}`;
    const edited = await inject('PATCH', url, { fields: { reasonForStay: '探亲', employer: null } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().fields.reasonForStay).toBe('探亲');
    expect(edited.json().fields.employer).toBeUndefined();
    const bad = await inject('PATCH', url, { fields: { travelMode: 'horse' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('fields.travelMode');
    const unknown = await inject('PATCH', url, { fields: { idNumber: '110101199003071234' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ path: 'fields.idNumber', message: 'unknown field' }]);
    expect(unknown.body).not.toContain('110101199003071234');
    await inject('POST', `${url}/signature`, { dataUrl: dataUrl(aPng(40)) });
    const late = await inject('PATCH', url, { fields: { reasonForStay: '务工' } });
    expect(late.statusCode).toBe(409);
    const update = (await auditOf(form.id)).find((a) => a.action === 'update');
    expect(JSON.parse(update?.details ?? '{}')).toEqual({ fields: ['reasonForStay', 'employer'] });
  });

  it('prints masked numbers unless a registrar gives a purpose; the print and every read behind it are audited with it', async () => {
    const form = await aRegistration();
    const masked = await inject('GET', `/api/v1/forms/${form.id}/print`);
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.json()).toMatchObject({ regionName: '东村第一网格', person: { name: '赵流动' } });
    // 登记网格员: the account that registered the form.
    const registrar = await t.app.db.selectFrom('forms as f').innerJoin('users as u', 'u.id', 'f.created_by').select('u.display_name').where('f.id', '=', form.id).executeTakeFirstOrThrow();
    expect(masked.json().registeredBy).toBe(registrar.display_name);
    expect(registrar.display_name).toBeTruthy();
    expect(masked.body).not.toContain(idNumber.slice(6, 14));
    expect(masked.body).not.toContain(aMobile(7).slice(3, 7));
    expect((await auditOf(form.id)).filter((a) => a.action.startsWith('print'))).toEqual([expect.objectContaining({ action: 'print', purpose: null })]);
    // Asking without saying why is refused, naming the purpose; nothing is shown or audited as a reveal.
    const noPurpose = await inject('GET', `/api/v1/forms/${form.id}/print?reveal=true`);
    expect(noPurpose.statusCode).toBe(400);
    expect(noPurpose.json().error.details).toEqual([{ path: 'purpose', message: 'required to reveal' }]);
    const purpose = '打印登记表存档';
    const full = await inject('GET', `/api/v1/forms/${form.id}/print?reveal=true&purpose=${encodeURIComponent(purpose)}`);
    expect(full.statusCode, full.body).toBe(200);
    expect(full.json()).toMatchObject({ person: { name: '赵流动', idNumber, phone: aMobile(8) }, landlordPhone: aMobile(7) });
    expect((await auditOf(form.id)).filter((a) => a.action.startsWith('print')).map((a) => [a.action, a.purpose])).toEqual([['print', null], ['print_reveal', purpose]]);
    const reveals = await t.app.db.selectFrom('audit_log').select(['entity', 'purpose']).where('action', '=', 'reveal').where('entity_id', 'in', [personId, householdId]).execute();
    expect(reveals.map((r) => [r.entity, r.purpose]).sort()).toEqual([['household', purpose], ['person', purpose]]);
    // A role that may not see full numbers is refused the reveal, and still prints masked.
    const patrol = (await signIn(t.app, 'patrol_member', t.tree.gridA)).headers;
    expect((await inject('GET', `/api/v1/forms/${form.id}/print?reveal=true&purpose=${encodeURIComponent(purpose)}`, undefined, patrol)).statusCode).toBe(403);
    const patrolView = await inject('GET', `/api/v1/forms/${form.id}/print`, undefined, patrol);
    expect(patrolView.statusCode).toBe(200);
    expect(patrolView.body).not.toContain(idNumber.slice(6, 14));
  });

  it('prints no numbers of a person who has since moved out of the caller’s grid', async () => {
    const form = await aRegistration();
    const mover = { ...(await inject('GET', `/api/v1/persons/${personId}`)).json() };
    const county = (await signIn(t.app, 'admin', t.tree.county)).headers;
    const otherHousehold = (await inject('POST', '/api/v1/households', { regionId: t.tree.gridB, address: '西村9号' }, county)).json().id;
    const moved = await inject('PATCH', `/api/v1/persons/${personId}`, { baseVersion: mover.version, householdId: otherHousehold, regionId: t.tree.gridB }, county);
    expect(moved.statusCode, moved.body).toBe(200);
    const print = await inject('GET', `/api/v1/forms/${form.id}/print`);
    expect(print.statusCode).toBe(200);
    expect(print.json().person).toMatchObject({ name: '赵流动', idNumber: null, phone: null });
    expect(print.body).not.toContain(idNumber.slice(6, 14));
  });
});
