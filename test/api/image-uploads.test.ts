// Every route that takes an image, walked the same way: a pixel bomb is refused with 415 naming
// the field and nothing is kept; an image with an HTML page after it (and GPS in its metadata) is
// kept re-encoded, so what is served has neither; a plain photo goes end to end — the upload,
// the record that shows it, the GET of the image.
import type { LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/server/platform/ids.ts';
import { dayIn } from '../../src/server/platform/time.ts';
import { filer } from '../../src/server/modules/tips/tip-test-helpers.ts';
import { type TestApp, buildTestApp, signIn } from '../support/app.ts';
import { entityBuilders } from '../support/entity-builders.ts';
import { multipart, multipartForm } from '../support/multipart.ts';
import { HOSTILE_HTML, aPhotoWithGps, aPng, aPngBomb, withHtmlAfter } from '../support/photos.ts';
import { csvOf, takeInList } from '../support/verification.ts';

type Headers = Record<string, string>;
type Response = LightMyRequestResponse;

interface UploadRoute {
  name: string;
  /** The path a refusal names. */
  field: string;
  /** What the route keeps: a JPEG, or a PNG (with its transparency) for a drawn signature. */
  keeps: 'jpeg' | 'png';
  /** The image types it takes: a drawn signature is a PNG only. */
  takes: ('jpeg' | 'png')[];
  /** The largest bomb under the route's byte limit (a signature may be at most 200 KB). */
  bomb: () => Promise<Buffer>;
  /** Sends the image (to a fresh record where the image signs one). */
  upload(image: Buffer): Promise<Response>;
  /** After an accepted upload: makes the record that shows the image, then GETs the image. */
  serve(uploaded: Response): Promise<Response>;
}

let t: TestApp;
let today: string;
let officer: Headers;
let secretary: Headers;
let member: Headers;
let worker: Headers;
let patrolTeam: string;
let inspectionTeam: string;
let noticeId: string;
let verificationTask: string;

const post = (url: string, payload: object, headers: Headers) => t.app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Headers) => t.app.inject({ method: 'GET', url, headers });
const postFile = (url: string, file: Buffer, headers: Headers) => {
  const body = multipart(file, {}, 'photo.jpg');
  return t.app.inject({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
};
const ok = (res: Response, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res;
};
const aForm = () => entityBuilders.form?.(t.app, t.tree.gridA) ?? Promise.reject(new Error('no form builder'));

/** Everything an upload could have kept: stored images, tips, notice images, signed forms. */
async function keptCount(): Promise<number> {
  let n = 0;
  for (const table of ['photos', 'form_files', 'tips', 'notice_images'] as const) {
    n += Number((await t.app.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  }
  const signed = await t.app.db.selectFrom('forms').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'signed').executeTakeFirstOrThrow();
  return n + Number(signed.n);
}

/** A route that takes a JPEG or PNG photo and keeps a JPEG, as all but the drawn signature do. */
const photoRoute = (route: Pick<UploadRoute, 'name' | 'field' | 'upload' | 'serve'>): UploadRoute => ({ keeps: 'jpeg', takes: ['jpeg', 'png'], bomb: () => aPngBomb(), ...route });

const routes: UploadRoute[] = [
  photoRoute({
    name: 'patrol log photo',
    field: 'file',
    upload: (image) => postFile('/api/v1/patrol-logs/photos', image, member),
    async serve(uploaded) {
      const sha = uploaded.json().sha256 as string;
      ok(await post('/api/v1/patrol-logs', { id: newId(), teamId: patrolTeam, regionId: t.tree.villageA, patrolledOn: today, gatheringsDispersed: 1, photos: [sha] }, member), 201);
      return get(`/api/v1/patrol-logs/photos/${sha}`, officer);
    },
  }),
  photoRoute({
    name: 'rectification evidence photo',
    field: 'file',
    upload: (image) => postFile('/api/v1/rectifications/photos', image, secretary),
    async serve(uploaded) {
      const sha = uploaded.json().sha256 as string;
      const checklist = ['quarantine_control', 'key_persons', 'outsiders', 'anomalies'].map((item) => ({ item, result: item === 'anomalies' ? 'issue' : 'ok' }));
      const inspection = ok(await post('/api/v1/inspections', { teamId: inspectionTeam, regionId: t.tree.villageA, checklist, findings: [{ item: 'anomalies', description: '村口聚集未劝散' }] }, officer), 201);
      const task = inspection.json().findingList[0].rectificationId as string;
      ok(await post(`/api/v1/rectifications/${task}/close`, { evidenceText: '已劝散并张贴告示', photos: [sha] }, secretary));
      return get(`/api/v1/rectifications/photos/${sha}`, secretary);
    },
  }),
  photoRoute({
    name: 'scan of a signed form',
    field: 'file',
    upload: async (image) => postFile(`/api/v1/forms/${await aForm()}/scan`, image, worker),
    serve: (uploaded) => get(`/api/v1/forms/${uploaded.json().id}/scan`, worker),
  }),
  {
    name: 'signature drawn on the phone',
    field: 'dataUrl',
    keeps: 'png',
    takes: ['png'],
    // 50,000 × 30,000 (1.5 billion pixels) in 182 KB, under the 200 KB a signature may have.
    bomb: () => aPngBomb(50_000, 30_000),
    upload: async (image) => post(`/api/v1/forms/${await aForm()}/signature`, { dataUrl: `data:image/png;base64,${image.toString('base64')}` }, worker),
    serve: (uploaded) => get(`/api/v1/forms/${uploaded.json().id}/signature`, worker),
  },
  photoRoute({
    name: 'photo of a public tip',
    field: 'photos[0]',
    upload: (image) =>
      filer(t.app).postForm({ category: 'gathering', regionId: t.tree.villageA, description: '东村文化礼堂有二十多人聚集打牌' }, [{ name: 'scene.jpg', content: image }]),
    async serve(uploaded) {
      const hash = t.app.fieldCrypto.index(`tip:${uploaded.json().trackingCode}`);
      const tip = await t.app.db.selectFrom('tips').select('id').where('tracking_hash', '=', hash).executeTakeFirstOrThrow();
      ok(await get(`/api/v1/tips/${tip.id}`, secretary));
      return get(`/api/v1/tips/${tip.id}/photos/0`, secretary);
    },
  }),
  photoRoute({
    name: 'notice image',
    field: 'photos[0]',
    upload: (image) => {
      const form = multipartForm({}, [{ field: 'photos', name: 'poster.jpg', data: image }]);
      return t.app.inject({ method: 'POST', url: `/api/v1/notices/${noticeId}/images`, headers: { ...officer, ...form.headers }, payload: form.payload });
    },
    async serve(uploaded) {
      const imageId = uploaded.json()[0].id as string;
      expect(ok(await get(`/api/v1/notices/${noticeId}`, officer)).json().images.map((i: { id: string }) => i.id)).toContain(imageId);
      return get(`/api/v1/notices/${noticeId}/images/${imageId}`, officer);
    },
  }),
  photoRoute({
    name: 'photo of a verification task’s check',
    field: 'dataUrl',
    upload: (image) => post(`/api/v1/verification-tasks/${verificationTask}/photos`, { dataUrl: `data:image/jpeg;base64,${image.toString('base64')}` }, worker),
    serve: (uploaded) => get(`/api/v1/verification-tasks/${verificationTask}/photos/${uploaded.json().sha256}`, worker),
  }),
];

beforeAll(async () => {
  t = await buildTestApp({ publicLimitScale: 100 });
  today = dayIn(t.app.config.timeZone);
  officer = (await signIn(t.app, 'town_officer', t.tree.townA)).headers;
  secretary = (await signIn(t.app, 'village_secretary', t.tree.villageA)).headers;
  member = (await signIn(t.app, 'patrol_member', t.tree.townA)).headers;
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  patrolTeam = ok(await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '城关镇巡查队', kind: 'persuasion' }, officer), 201).json().id;
  inspectionTeam = ok(await post('/api/v1/patrol-teams', { regionId: t.tree.townA, name: '城关镇督查队', kind: 'inspection' }, officer), 201).json().id;
  const notice = { regionId: t.tree.townA, title: '关于做好返乡人员报备的通知', source: '城关镇人民政府', topic: 'announcement', body: '抵达后 24 小时内报备' };
  noticeId = ok(await post('/api/v1/notices', notice, officer), 201).json().id;
  const { list, headers: hq } = await takeInList(t.app, t.tree.county, csvOf([['姓名'], ['照片核查']]));
  verificationTask = ok(await get(`/api/v1/verification-tasks?listId=${list.id}`, hq)).json().items[0].id;
  ok(await t.app.inject({ method: 'PATCH', url: `/api/v1/verification-tasks/${verificationTask}`, headers: hq, payload: { regionId: t.tree.gridA } }));
});
afterAll(() => t.close());

/** The image as served: no HTML, no metadata, a real image of the kept type and size. */
async function expectClean(served: Response, keeps: 'jpeg' | 'png', size: [number, number]) {
  expect(served.statusCode, served.body).toBe(200);
  expect(served.headers['content-type']).toBe(`image/${keeps}`);
  const bytes = served.rawPayload;
  for (const text of ['<html', '<script', HOSTILE_HTML.slice(-20), 'InventedPhone', 'Exif\0\0', 'eXIf', 'xmpmeta']) expect(bytes.includes(text), text).toBe(false);
  const meta = await sharp(bytes).metadata();
  expect(meta.format).toBe(keeps);
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect([meta.width, meta.height]).toEqual(size);
  return meta;
}

describe.each(routes)('$name', (route) => {
  it('refuses a 50,000-pixel-wide PNG bomb with 415 naming the field, and keeps nothing', async () => {
    const bomb = await route.bomb();
    expect(bomb.length).toBeLessThan(400_000);
    const before = await keptCount();
    const res = await route.upload(bomb);
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error.message).toContain(`${route.field}: the image has too many pixels`);
    expect(res.json().error.details).toEqual([{ path: route.field, message: 'too many pixels' }]);
    expect(await keptCount()).toBe(before);
  });

  it('keeps an image with HTML after it re-encoded: served without the HTML and without EXIF, XMP or GPS', async () => {
    for (const format of route.takes) {
      const hostile = withHtmlAfter(await aPhotoWithGps(format));
      const uploaded = await route.upload(hostile);
      expect(uploaded.statusCode, `${format}: ${uploaded.body}`).toBeLessThan(300);
      const served = await route.serve(uploaded);
      const meta = await expectClean(served, route.keeps, [48, 32]);
      expect(served.rawPayload.equals(hostile)).toBe(false);
      // A signature keeps its transparent background; a photo is flattened onto white.
      expect(meta.hasAlpha).toBe(route.keeps === 'png');
    }
  });

  it('takes a plain photo end to end: the upload, the record that shows it, the image', async () => {
    const uploaded = await route.upload(aPng(77));
    expect(uploaded.statusCode, uploaded.body).toBeLessThan(300);
    const served = await route.serve(uploaded);
    await expectClean(served, route.keeps, [2, 2]);
    const { data } = await sharp(served.rawPayload).greyscale().raw().toBuffer({ resolveWithObject: true });
    // The grey survives the re-encoding (JPEG may move it by a step or two).
    expect(Math.abs((data[0] ?? 0) - 77)).toBeLessThanOrEqual(3);
  });
});

describe('routes that take one kind of image only', () => {
  it('refuses a JPEG as a drawn signature and a PDF as a scan, with 415 naming the field', async () => {
    const signature = await routes[3]?.upload(await aPhotoWithGps('jpeg'));
    expect(signature?.statusCode).toBe(415);
    expect(signature?.json().error.details[0].path).toBe('dataUrl');
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n');
    const before = await keptCount();
    const scan = await routes[2]?.upload(pdf);
    expect(scan?.statusCode).toBe(415);
    expect(scan?.json().error.details).toEqual([{ path: 'file', message: 'a PDF, not an image' }]);
    expect(await keptCount()).toBe(before);
  });
});

// An upload's body is not JSON: each route gives write() what stands for it (the files'
// digests), so a resend is recognised by its bytes and another file under the same key is not.
describe('a resent upload with the same Idempotency-Key', () => {
  const sends: { name: string; send: (image: Buffer, key: string) => Promise<Response> }[] = [
    { name: 'patrol log photo', send: (image, key) => postFile('/api/v1/patrol-logs/photos', image, { ...member, 'idempotency-key': key }) },
    { name: 'rectification evidence photo', send: (image, key) => postFile('/api/v1/rectifications/photos', image, { ...secretary, 'idempotency-key': key }) },
    {
      name: 'notice image',
      send: (image, key) => {
        const form = multipartForm({}, [{ field: 'photos', name: 'poster.jpg', data: image }]);
        return t.app.inject({ method: 'POST', url: `/api/v1/notices/${noticeId}/images`, headers: { ...officer, ...form.headers, 'idempotency-key': key }, payload: form.payload });
      },
    },
  ];
  it.each(sends)('$name: the same file gets the first answer, another file is a 409', async ({ name, send }) => {
    const key = `resend-${name.replace(/\W+/g, '-')}`;
    const first = ok(await send(aPng(31), key), 201);
    const again = ok(await send(aPng(31), key), 201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await send(aPng(32), key);
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});
