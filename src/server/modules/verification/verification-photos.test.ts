// Photos of a verification task's check through the API, on SQLite and PostgreSQL: a data URL
// in JSON (what the phone's outbox sends) stored clean and linked once, listed and read back
// within the task's region only; hostile input refused naming the field.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, buildTestApp, signIn } from '../../../../test/support/app.ts';
import { aPhotoWithGps, aPng, withHtmlAfter } from '../../../../test/support/photos.ts';
import { csvOf, takeInList } from '../../../../test/support/verification.ts';
import { MAX_TASK_PHOTOS } from './verification-photos.ts';

let t: TestApp;
let worker: Record<string, string>;
let otherGrid: Record<string, string>;
let taskId: string;
let secondTaskId: string;

const dataUrl = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;
const post = (id: string, payload: unknown, headers = worker, key?: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/verification-tasks/${id}/photos`, headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, payload: payload as object });

beforeAll(async () => {
  t = await buildTestApp();
  worker = (await signIn(t.app, 'grid_worker', t.tree.gridA)).headers;
  otherGrid = (await signIn(t.app, 'grid_worker', t.tree.gridB)).headers;
  const { list, headers } = await takeInList(t.app, t.tree.county, csvOf([['姓名', '现住址'], ['照片人', '东村第一网格'], ['并发人', '东村第一网格']]));
  expect(list.status).toBe('done');
  const tasks = (await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks?listId=${list.id}`, headers })).json().items;
  // Put the tasks in gridA by hand, whatever the address router made of them.
  for (const task of tasks) {
    const moved = await t.app.inject({ method: 'PATCH', url: `/api/v1/verification-tasks/${task.id}`, headers, payload: { regionId: t.tree.gridA } });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  taskId = tasks.find((x: { name: string }) => x.name === '照片人').id;
  secondTaskId = tasks.find((x: { name: string }) => x.name === '并发人').id;
});
afterAll(() => t.close());

describe('verification task photos', () => {
  it('stores a photo once per content, re-encoded as JPEG without its GPS, and lists and serves it', async () => {
    const gps = await aPhotoWithGps('jpeg');
    const first = await post(taskId, { dataUrl: dataUrl(gps, 'image/jpeg') });
    expect(first.statusCode, first.body).toBe(201);
    const { sha256 } = first.json();
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await post(taskId, { dataUrl: dataUrl(gps, 'image/jpeg') });
    expect(again.statusCode).toBe(201);
    expect(again.json().sha256).toBe(sha256);
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks/${taskId}/photos`, headers: worker });
    expect(listed.json().items.map((p: { sha256: string }) => p.sha256)).toEqual([sha256]);
    const bytes = await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks/${taskId}/photos/${sha256}`, headers: worker });
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(bytes.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
  });

  it('answers a retried upload with the same Idempotency-Key once', async () => {
    const key = '0190f0a0-0000-7000-8000-000000000001';
    const a = await post(taskId, { dataUrl: dataUrl(aPng(10)) }, worker, key);
    const b = await post(taskId, { dataUrl: dataUrl(aPng(10)) }, worker, key);
    expect(a.statusCode, a.body).toBe(201);
    expect(b.json()).toEqual(a.json());
  });

  it('keeps the task’s photos to another region’s worker: 404 on add, list and read', async () => {
    const res = await post(taskId, { dataUrl: dataUrl(aPng(20)) }, otherGrid);
    expect(res.statusCode).toBe(404);
    const listed = await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks/${taskId}/photos`, headers: otherGrid });
    expect(listed.statusCode).toBe(404);
  });

  it('reads no photo through a task it is not linked to', async () => {
    const stored = (await post(taskId, { dataUrl: dataUrl(aPng(30)) })).json().sha256;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks/${taskId}/photos/${'0'.repeat(64)}`, headers: worker });
    expect(res.statusCode).toBe(404);
    const odd = await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks/${taskId}/photos/${stored.toUpperCase()}`, headers: worker });
    expect(odd.statusCode).toBe(400);
  });

  it('refuses what is not an image, naming dataUrl', async () => {
    for (const payload of [{ dataUrl: 'data:text/html;base64,PGgxPg==' }, { dataUrl: 'not a data url' }, { dataUrl: dataUrl(Buffer.from('<svg/>')) }]) {
      const res = await post(taskId, payload);
      expect([400, 415]).toContain(res.statusCode);
      expect(JSON.stringify(res.json().error)).toContain('dataUrl');
    }
    const extra = await post(taskId, { dataUrl: dataUrl(aPng(40)), note: 'x' });
    expect(extra.statusCode).toBe(400);
    const wrongType = await post(taskId, { dataUrl: 12 });
    expect(wrongType.statusCode).toBe(400);
    expect(JSON.stringify(wrongType.json().error)).toContain('dataUrl');
  });

  it('cleans an image with HTML after it', async () => {
    const res = await post(taskId, { dataUrl: dataUrl(withHtmlAfter(aPng(50))) });
    expect(res.statusCode, res.body).toBe(201);
    const bytes = await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks/${taskId}/photos/${res.json().sha256}`, headers: worker });
    expect(bytes.rawPayload.toString('latin1')).not.toContain('<script>');
  });

  it('refuses a body past the limit with 413 and an odd task id with 400/404', async () => {
    const huge = await post(taskId, { dataUrl: `data:image/png;base64,${'A'.repeat(8 * 1_048_576)}` });
    expect(huge.statusCode).toBe(413);
    const odd = await post('..%2F..%2Fetc', { dataUrl: dataUrl(aPng(60)) });
    expect([400, 404]).toContain(odd.statusCode);
  });

  it(`keeps at most ${MAX_TASK_PHOTOS} photos per task`, async () => {
    const listed = (await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks/${taskId}/photos`, headers: worker })).json().items.length;
    for (let i = listed; i < MAX_TASK_PHOTOS; i++) expect((await post(taskId, { dataUrl: dataUrl(aPng(100 + i)) })).statusCode).toBe(201);
    const over = await post(taskId, { dataUrl: dataUrl(aPng(200)) });
    expect(over.statusCode).toBe(409);
  });

  it('keeps the limit when uploads race: exactly the limit is linked', async () => {
    const answers = await Promise.all(Array.from({ length: MAX_TASK_PHOTOS + 4 }, (_, i) => post(secondTaskId, { dataUrl: dataUrl(aPng(150 + i)) })));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(MAX_TASK_PHOTOS);
    expect(codes.filter((c) => c === 409)).toHaveLength(4);
    const listed = (await t.app.inject({ method: 'GET', url: `/api/v1/verification-tasks/${secondTaskId}/photos`, headers: worker })).json().items;
    expect(listed).toHaveLength(MAX_TASK_PHOTOS);
  });
});
