// One reading of the error contract for every client: the staff web, the grid worker's outbox and
// the public pages turn the same answer into the same code, message, details and wait.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError as PublicApiError, getJson } from '../public/api.ts';
import { ApiError, request } from '../web/lib/api.ts';
import { FieldDb } from '../client/offline/db.ts';
import { enqueue, listOutbox } from '../client/offline/outbox.ts';
import { syncOnce } from '../client/offline/sync.ts';
import { errorPartsOf, jsonOrNull, retryAfterSeconds } from './error-body.ts';

interface Answer {
  status: number;
  statusText?: string;
  body: string;
  headers?: Record<string, string>;
}
const contract = (error: unknown) => JSON.stringify({ error });

/** Answers the clients must read alike, and what they say. */
const ANSWERS: { name: string; answer: Answer; code: string; message: string; details: { path: string; message: string }[]; retryAfter: number | null }[] = [
  {
    name: 'a refusal with field details',
    answer: { status: 400, body: contract({ code: 'VALIDATION_ERROR', message: 'Invalid body: address', details: [{ path: 'address', message: 'too long' }] }) },
    code: 'VALIDATION_ERROR',
    message: 'Invalid body: address',
    details: [{ path: 'address', message: 'too long' }],
    retryAfter: null,
  },
  {
    name: 'a code without a message or details',
    answer: { status: 409, body: contract({ code: 'CONFLICT' }) },
    code: 'CONFLICT',
    message: '',
    details: [],
    retryAfter: null,
  },
  {
    name: 'details that are not {path, message}',
    answer: { status: 422, body: contract({ code: 'UNPROCESSABLE', message: 'x: no', details: [{ path: 'x', message: 'no' }, { path: 1 }, 'photos', null] }) },
    code: 'UNPROCESSABLE',
    message: 'x: no',
    details: [{ path: 'x', message: 'no' }],
    retryAfter: null,
  },
  {
    name: 'a limit with Retry-After',
    answer: { status: 429, body: contract({ code: 'TOO_MANY_REQUESTS', message: 'slow down' }), headers: { 'retry-after': '30' } },
    code: 'TOO_MANY_REQUESTS',
    message: 'slow down',
    details: [],
    retryAfter: 30,
  },
  {
    name: "a proxy's HTML page",
    answer: { status: 413, statusText: 'Payload Too Large', body: '<html><body>413 Request Entity Too Large</body></html>' },
    code: 'BAD_REQUEST',
    message: 'Payload Too Large',
    details: [],
    retryAfter: null,
  },
  {
    name: 'a gateway failing with another JSON shape',
    answer: { status: 502, statusText: 'Bad Gateway', body: JSON.stringify({ message: 'upstream down' }) },
    code: 'INTERNAL',
    message: 'Bad Gateway',
    details: [],
    retryAfter: null,
  },
];

const respond = (a: Answer) => new Response(a.body, { status: a.status, statusText: a.statusText ?? '', headers: a.headers });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the error contract, read back', () => {
  it.each(ANSWERS)('reads $name', ({ answer, code, message, details }) => {
    expect(errorPartsOf(jsonOrNull(answer.body), answer.status, answer.statusText ?? '')).toEqual({ code, message, details });
  });

  it('waits only for a positive number of seconds', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds(null)).toBeNull();
    expect(retryAfterSeconds('')).toBeNull();
    expect(retryAfterSeconds('0')).toBeNull();
    expect(retryAfterSeconds('Wed, 21 Oct 2026 07:28:00 GMT')).toBeNull();
  });

  it.each(ANSWERS)('the staff web reads $name the same way', async ({ answer, code, message, details, retryAfter }) => {
    vi.stubGlobal('fetch', async () => respond(answer));
    const error = await request('/anything', z.unknown()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: answer.status, code, message, details, retryAfter });
  });

  it.each(ANSWERS)('the public pages read $name the same way (without the English status line)', async ({ answer, code, message, details, retryAfter }) => {
    vi.stubGlobal('fetch', async () => respond(answer));
    const error = await getJson('/anything').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublicApiError);
    const contractMessage = answer.body.includes('"error"') ? message : '';
    expect(error).toMatchObject({ status: answer.status, code, message: contractMessage, details, retryAfter });
  });

  it.each(ANSWERS.filter((a) => a.answer.status !== 429 && a.answer.status < 500))('the outbox keeps $name as the refusal reason', async ({ answer, code, message, details }) => {
    const db = new FieldDb(`error-body-${Math.random()}`);
    await enqueue(db, { method: 'POST', path: '/households', body: { id: 'h1' }, kind: 'household', summary: '', recordId: 'h1' });
    const fetch = async (input: string) =>
      input.endsWith('/auth/me') ? new Response(JSON.stringify({ csrfToken: 't' }), { status: 200 }) : respond(answer);
    await syncOnce(db, { fetch, useWebLocks: false });
    expect((await listOutbox(db))[0]?.refusedReason).toEqual({ status: answer.status, code, message, details });
    await db.delete();
  });
});
