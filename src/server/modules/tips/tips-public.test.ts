import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, sameAnswerOf, signIn } from '../../../../test/support/app.ts';
import { aPng } from '../../../../test/support/photos.ts';
import { MAX_PUBLIC_PHOTO_BYTES, TRACKING_CODE_RE } from '../../../shared/tips.ts';
import { detailsOf, filer } from './tip-test-helpers.ts';

let t: TestApp;
let f: ReturnType<typeof filer>;
beforeAll(async () => {
  // Limits raised: this file files many tips; the limits have their own app below.
  t = await buildTestApp({ publicLimitScale: 100 });
  f = filer(t.app);
});
afterAll(() => t.close());

const tip = (extra: object = {}) => ({ category: 'gathering', regionId: t.tree.villageA, description: '东村文化礼堂有二十多人聚集打牌', ...extra });
const tipCount = async () => (await t.app.db.selectFrom('tips').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const rowOf = async (code: string) => {
  const hash = t.app.fieldCrypto.index(`tip:${code}`);
  return t.app.db.selectFrom('tips').selectAll().where('tracking_hash', '=', hash).executeTakeFirstOrThrow();
};
const gpsJpeg = () =>
  sharp({ create: { width: 40, height: 30, channels: 3, background: '#7a7a7a' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 15/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '120/1 10/1 0/1' } })
    .toBuffer();

describe('filing a tip (public, no account)', () => {
  it('files JSON anonymously, answers a tracking code, stores only its hash and the text as written', async () => {
    const hostile = '<script>alert("x")</script> 礼堂 & "聚集" \'; drop table tips; --';
    const res = await f.postJson(tip({ description: hostile, place: '  <b>东村</b> 礼堂 ' }), { address: '10.9.8.7' });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode } = res.json();
    expect(trackingCode).toMatch(TRACKING_CODE_RE);
    const row = await rowOf(trackingCode);
    expect(row).toMatchObject({ description: hostile, place: '<b>东村</b> 礼堂', status: 'received', anonymous: 1, phone_enc: null, phone_masked: null, region_id: t.tree.villageA, filed_region_id: t.tree.villageA, photo_count: 0, version: 1 });
    expect(JSON.stringify(row)).not.toContain(trackingCode);
    // The sender's address is kept only as a keyed hash.
    expect(row.source_hash).toBe(t.app.fieldCrypto.index('ip:10.9.8.7'));
    expect(JSON.stringify(row)).not.toContain('10.9.8.7');
    // Two days to accept, seven to handle.
    const filed = Date.parse(row.filed_at);
    expect(Date.parse(row.accept_due_at) - filed).toBe(2 * 86_400_000);
    expect(Date.parse(row.handle_due_at) - filed).toBe(7 * 86_400_000);
    const events = await t.app.db.selectFrom('tip_events').selectAll().where('tip_id', '=', row.id).execute();
    expect(events.map((e) => [e.action, e.status, e.user_id])).toEqual([['filed', 'received', null]]);
    const audits = await t.app.db.selectFrom('audit_log').selectAll().where('entity', '=', 'tip').where('entity_id', '=', row.id).execute();
    expect(audits.map((a) => [a.action, a.user_id, a.ip])).toEqual([['create', null, null]]);
  });

  it('keeps a phone encrypted, hashed and masked; the staff see it masked', async () => {
    const code = await f.file(tip({ phone: '138 1234 5678', anonymous: false, category: 'no_mask', description: '菜市场门口很多人没戴口罩' }));
    const row = await rowOf(code);
    expect(row.anonymous).toBe(0);
    expect(row.phone_masked).toBe('138****5678');
    expect(t.app.fieldCrypto.decrypt(row.phone_enc ?? '')).toBe('13812345678');
    expect(row.phone_hash).toBe(t.app.fieldCrypto.index('13812345678'));
    // Without `anonymous`, a phone means a named tip.
    const named = await rowOf(await f.file(tip({ phone: '13912345678', category: 'banquet', description: '西村有人大办酒席五十桌' })));
    expect(named.phone_masked).toBe('139****5678');
    const officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/tips?regionId=${t.tree.villageA}`, headers: officer });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).toContain('138****5678');
    expect(list.body).not.toContain('13812345678');
  });

  it('refuses bad phones and anonymous tips with a phone (422, number never echoed), and bad shapes (400); nothing saved', async () => {
    const before = await tipCount();
    const refuse = async (body: object, status: number, path: string, message?: RegExp) => {
      const res = await f.postJson(body);
      expect(res.statusCode, res.body).toBe(status);
      expect(detailsOf(res).map((d) => d.path)).toContain(path);
      if (message) expect(res.json().error.message).toMatch(message);
      expect(res.body).not.toMatch(/1381234|12345/);
    };
    await refuse(tip({ phone: '1381234' }), 422, 'phone', /11 digits/);
    await refuse(tip({ phone: '12345678901' }), 422, 'phone', /starts with 13/);
    await refuse(tip({ phone: '138-1234-567a' }), 422, 'phone', /digits only/);
    await refuse(tip({ phone: '138****5678' }), 422, 'phone');
    await refuse(tip({ phone: '13812345678', anonymous: true }), 422, 'phone', /leave the phone out of an anonymous tip/);
    await refuse(tip({ anonymous: false }), 422, 'phone');
    await refuse(tip({ regionId: t.tree.county }), 422, 'regionId');
    await refuse(tip({ regionId: 999_999 }), 422, 'regionId');
    await refuse(tip({ category: 'noise' }), 400, 'category');
    await refuse(tip({ description: '短' }), 400, 'description');
    await refuse(tip({ description: 'x'.repeat(2001) }), 400, 'description');
    await refuse(tip({ place: 'p'.repeat(201) }), 400, 'place');
    await refuse(tip({ secret: 1 }), 400, 'secret');
    await refuse({}, 400, 'category');
    const inactive = await t.app.db.insertInto('regions').values({ parent_id: t.tree.villageA, level: 'grid', code: '339901999999999', name: '撤销网格', path: 'tmp', depth: 4, active: 0, created_at: new Date().toISOString(), updated_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
    await refuse(tip({ regionId: inactive.id }), 422, 'regionId');
    expect(await tipCount()).toBe(before);
  });

  it('files a multipart tip with photos: cleaned of EXIF/GPS, stored once by digest, served to staff', async () => {
    const jpeg = await gpsJpeg();
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const res = await f.postForm(tip({ category: 'quarantine_breach', description: '居家隔离人员外出买菜', place: '东村3组' }), [
      { name: 'a.jpg', content: jpeg },
      { name: 'b.png', content: aPng(40), type: 'image/png' },
      { name: 'c.bin', content: aPng(40), type: 'application/octet-stream' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const row = await rowOf(res.json().trackingCode);
    expect(row.photo_count).toBe(3);
    const stored = await t.app.db
      .selectFrom('tip_photos as p')
      .innerJoin('photos as f', 'f.sha256', 'p.sha256')
      .select(['p.position', 'p.sha256', 'f.data', 'f.content_type'])
      .where('p.tip_id', '=', row.id)
      .orderBy('p.position')
      .execute();
    expect(stored.map((s) => s.position)).toEqual([0, 1, 2]);
    // The same PNG twice is one stored photo.
    expect(stored[1]?.sha256).toBe(stored[2]?.sha256);
    for (const s of stored) {
      const meta = await sharp(Buffer.from(s.data)).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(s.content_type).toBe('image/jpeg');
    }
    const officer = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/tips/${row.id}`, headers: officer });
    expect(detail.json().photos).toEqual([0, 1, 2].map((p) => ({ position: p, url: `/api/v1/tips/${row.id}/photos/${p}` })));
    const photo = await t.app.inject({ method: 'GET', url: `/api/v1/tips/${row.id}/photos/0`, headers: officer });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(photo.rawPayload).metadata()).exif).toBeUndefined();
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tips/${row.id}/photos/2`, headers: officer })).statusCode).toBe(200);
    const none = await t.app.inject({ method: 'GET', url: `/api/v1/tips/${row.id}/photos/1`, headers: (await signIn(t.app, 'village_secretary', t.tree.villageB)).headers });
    expect(none.statusCode).toBe(404);
  });

  it('refuses fake, too many and oversized photos, and malformed forms; nothing half-saved', async () => {
    const before = await tipCount();
    const photosBefore = (await t.app.db.selectFrom('photos').select('sha256').execute()).length;
    const fake = await f.postForm(tip(), [{ name: 'ok.png', content: aPng(10), type: 'image/png' }, { name: 'evil.jpg', content: Buffer.from('<?php echo "not a photo"; ?>') }]);
    expect(fake.statusCode, fake.body).toBe(415);
    expect(detailsOf(fake)).toEqual([{ path: 'photos[1]', message: expect.any(String) }]);
    const four = await f.postForm(tip(), [1, 2, 3, 4].map((g) => ({ name: `${g}.png`, content: aPng(g), type: 'image/png' })));
    expect([400, 422]).toContain(four.statusCode);
    expect(detailsOf(four).map((d) => d.path)).toContain('photos');
    const big = Buffer.concat([aPng(9), Buffer.alloc(MAX_PUBLIC_PHOTO_BYTES, 1)]);
    const oversized = await f.postForm(tip(), [{ name: 'big.png', content: big, type: 'image/png' }]);
    expect(oversized.statusCode, oversized.body).toBe(413);
    expect(detailsOf(oversized).map((d) => d.path)).toEqual(['photos[0]']);
    const badJson = await f.postForm('{"category": ', [{ name: 'a.png', content: aPng(11), type: 'image/png' }]);
    expect(badJson.statusCode).toBe(400);
    const badData = await f.postForm(tip({ description: '' }), [{ name: 'a.png', content: aPng(12), type: 'image/png' }]);
    expect(badData.statusCode).toBe(400);
    expect(detailsOf(badData).map((d) => d.path)).toEqual(['description']);
    const wrongField = await f.postForm(tip(), [{ name: 'a.png', content: aPng(13), type: 'image/png' }], { field: 'file' });
    expect(wrongField.statusCode).toBe(400);
    const badRegion = await f.postForm(tip({ regionId: t.tree.county }), [{ name: 'a.png', content: aPng(14), type: 'image/png' }]);
    expect(badRegion.statusCode).toBe(422);
    expect(await tipCount()).toBe(before);
    expect((await t.app.db.selectFrom('photos').select('sha256').execute()).length).toBe(photosBefore);
    expect(await t.app.db.selectFrom('tip_photos').selectAll().where('tip_id', 'not in', t.app.db.selectFrom('tips').select('id')).execute()).toEqual([]);
  });

  it('refuses a JSON body over 64 KB before parsing it, while a form with a 1 MB photo goes through', async () => {
    const before = await tipCount();
    const huge = await f.postJson(tip({ description: '聚'.repeat(30_000) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await tipCount()).toBe(before);
    // A real photo of about 1 MB (noise does not compress): the JSON limit does not apply to forms.
    const noise = await sharp(randomBytes(600 * 600 * 3), { raw: { width: 600, height: 600, channels: 3 } }).png().toBuffer();
    expect(noise.length).toBeGreaterThan(64 * 1024);
    const res = await f.postForm(tip({ description: '桥头棋牌室聚集十余人' }), [{ name: 'noise.png', content: noise, type: 'image/png' }]);
    expect(res.statusCode, res.body).toBe(201);
  });

  it('answers the same code for a resend with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'tip-resend-0001' };
    const body = tip({ category: 'other', description: '有人在河边烧烤聚会十几人' });
    const first = await f.postJson(body, { headers });
    const again = await f.postJson(body, { headers });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    const other = await f.postJson({ ...body, description: '另一件完全不同的事情发生了' }, { headers });
    expect(other.statusCode).toBe(409);
    const rows = await t.app.db.selectFrom('tips').select('id').where('description', '=', body.description).execute();
    expect(rows).toHaveLength(1);
    // A form resent with its key: one tip too.
    const formHeaders = { 'idempotency-key': 'tip-resend-form-1' };
    const formBody = tip({ category: 'other', description: '表单重发测试内容足够长' });
    const a = await f.postForm(formBody, [{ name: 'a.png', content: aPng(77), type: 'image/png' }], { headers: formHeaders });
    const b = await f.postForm(formBody, [{ name: 'a.png', content: aPng(77), type: 'image/png' }], { headers: formHeaders });
    expect(a.statusCode, a.body).toBe(201);
    expect(b.json().trackingCode).toBe(a.json().trackingCode);
    expect(await t.app.db.selectFrom('tips').select('id').where('description', '=', formBody.description).execute()).toHaveLength(1);
  });

  it('groups a duplicate filed within 48 hours in the same region and category', async () => {
    const region = { regionId: t.tree.gridA2, category: 'banquet' };
    const first = await rowOf(await f.file(tip({ ...region, description: '王家今晚在自家院子办寿宴，来了三十多桌客人' })));
    const similar = await rowOf(await f.file(tip({ ...region, description: '王家今晚在自家院子里办寿宴，来了三十多桌的客人' })));
    const samePlace = await rowOf(await f.file(tip({ ...region, description: '完全不一样的说法：有人请客吃饭', place: '王家 院子' })));
    const samePlaceAgain = await rowOf(await f.file(tip({ ...region, description: '又一次不同的描述，人很多', place: '  王家   院子' })));
    const otherCategory = await rowOf(await f.file(tip({ ...region, category: 'gathering', description: '王家今晚在自家院子办寿宴，来了三十多桌客人' })));
    const different = await rowOf(await f.file(tip({ ...region, description: '李家明天中午要办满月酒' })));
    const lead = await t.app.db.selectFrom('tips').select('group_id').where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(lead.group_id).toBe(first.id);
    expect(similar.group_id).toBe(first.id);
    // The place matched no earlier tip the first time; the second time it matches the third tip, whose group is the first's.
    expect(samePlace.group_id).toBe(null);
    expect(samePlaceAgain.group_id).toBe(samePlace.id);
    expect(otherCategory.group_id).toBeNull();
    expect(different.group_id).toBeNull();
    // An old tip (over 48 h) is not a duplicate target.
    await t.app.db.updateTable('tips').set({ filed_at: new Date(Date.now() - 49 * 3_600_000).toISOString() }).where('id', '=', different.id).execute();
    const late = await rowOf(await f.file(tip({ ...region, description: '李家明天中午要办满月酒' })));
    expect(late.group_id).toBeNull();
    const officer = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/tips?regionId=${t.tree.gridA2}&category=banquet`, headers: officer });
    const byId = new Map(list.json().items.map((i: { id: string; groupSize: number; groupId: string | null }) => [i.id, i]));
    expect(byId.get(first.id)).toMatchObject({ groupId: first.id, groupSize: 2 });
    expect(byId.get(different.id)).toMatchObject({ groupId: null, groupSize: 1 });
    const grouped = await t.app.inject({ method: 'GET', url: `/api/v1/tips?regionId=${t.tree.gridA2}&category=banquet&grouped=true`, headers: officer });
    const ids = grouped.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(similar.id);
    expect(ids).not.toContain(samePlaceAgain.id);
    expect(ids).toContain(samePlace.id);
  });
});

describe('following a tip by its code', () => {
  it('shows status and steps, never a staff name, note or phone; a loose code works; unknown and malformed are one 404', async () => {
    const code = await f.file(tip({ phone: '13712345678', description: '有人在村口打麻将二十人', category: 'gathering', regionId: t.tree.gridA }));
    const res = await f.track(code);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({ status: 'received', category: 'gathering', regionName: '东村第一网格', reply: null, substantiated: null, reward: null, steps: [{ status: 'received', at: expect.any(String) }] });
    const loose = await f.track(code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o'));
    expect(loose.statusCode).toBe(200);
    const unknown = await f.track('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    const malformed = await f.track('not-a-code<script>');
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(sameAnswerOf(malformed)).toEqual(sameAnswerOf(unknown));
    expect(unknown.json().error.message).toMatch(/tracking code/);
    expect(res.body).not.toMatch(/1371234|5678|phone/);
  });
});

describe('rate limits', () => {
  let small: TestApp;
  beforeAll(async () => {
    small = await buildTestApp({ publicLimitScale: 0.3 });
  });
  afterAll(() => small.close());

  it('sheds a flood from one address and repeats of one phone with a clear 429 and Retry-After', async () => {
    const s = filer(small.app);
    const body = (n: number, extra: object = {}) => ({ category: 'other', regionId: small.tree.villageA, description: `第${n}条测试举报内容很长`, ...extra });
    // 10 an hour × 0.3 = 3 from one address.
    for (let i = 0; i < 3; i++) expect((await s.postJson(body(i), { address: '203.0.113.7' })).statusCode).toBe(201);
    const refused = await s.postJson(body(9), { address: '203.0.113.7' });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.json().error.message).toMatch(/Too many tips from this address/);
    // Refused before the body is even read: a bad body gets the same 429.
    expect((await s.postJson({}, { address: '203.0.113.7' })).statusCode).toBe(429);
    // 5 a day × 0.3 → 2 per phone, whatever the address.
    const phone = { phone: '13612345678' };
    expect((await s.postJson(body(20, phone), { address: '198.51.100.1' })).statusCode).toBe(201);
    expect((await s.postJson(body(21, phone), { address: '198.51.100.2' })).statusCode).toBe(201);
    const byPhone = await s.postJson(body(22, phone), { address: '198.51.100.3' });
    expect(byPhone.statusCode).toBe(429);
    expect(byPhone.json().error.message).toMatch(/tips with this phone number/);
    expect(byPhone.body).not.toContain('13612345678');
    expect(byPhone.headers['retry-after']).toBeDefined();
    // Another phone from the same new address is fine.
    expect((await s.postJson(body(23, { phone: '13612345679' }), { address: '198.51.100.3' })).statusCode).toBe(201);
    const tips = await small.app.db.selectFrom('tips').select('id').execute();
    expect(tips).toHaveLength(6);
  });

  it('limits look-ups per address', async () => {
    const s = filer(small.app);
    // 30 per 10 minutes × 0.3 = 9.
    for (let i = 0; i < 9; i++) expect((await s.track('ABCD-EFGH-JKMN-PQRS', '192.0.2.55')).statusCode).toBe(404);
    const refused = await s.track('ABCD-EFGH-JKMN-PQRS', '192.0.2.55');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/tip look-ups/);
    expect((await s.track('ABCD-EFGH-JKMN-PQRS', '192.0.2.56')).statusCode).toBe(404);
  });
});
