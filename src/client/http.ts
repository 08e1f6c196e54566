// The signed-in apps' HTTP client (the staff app's lib/api.ts and the phone app's api.ts): JSON in
// and out under /api/v1, the session's CSRF token on every write, an Idempotency-Key where the
// caller gives one, and the contract's error body turned into ApiError. No zod here: the staff
// app checks answers against the contract's schemas on top; the phone cannot afford zod.
import { errorPartsOf, jsonOrNull, retryAfterSeconds } from '../shared/error-body.ts';

export const API_BASE = '/api/v1';
export const NETWORK_ERROR = 'NETWORK_ERROR';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { path: string; message: string }[] = [],
    /** Seconds, from Retry-After (sign-in throttling, rate limits). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

let onUnauthenticated: (() => void) | null = null;
/** The session module says what a 401 means (the session is gone: sign in again). */
export const setUnauthenticatedHandler = (fn: (() => void) | null): void => {
  onUnauthenticated = fn;
};

/** For the few requests not made through send() (an upload that reports its progress). */
export const getCsrfToken = (): string | null => csrfToken;

/** A random UUID; crypto.randomUUID exists only on HTTPS, a county server on plain HTTP has getRandomValues. */
export function newIdempotencyKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The ApiError of a refused answer (also for callers that read a body other than JSON, e.g. a download). */
export async function errorOf(response: Response): Promise<ApiError> {
  // Not JSON (a proxy's error page): the status tells what happened.
  const payload = jsonOrNull(await response.text().catch(() => ''));
  const { code, message, details } = errorPartsOf(payload, response.status, response.statusText);
  return new ApiError(response.status, code, message, details, retryAfterSeconds(response.headers.get('retry-after')));
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** A multipart upload instead of JSON. */
  form?: FormData;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** A 401 here is an answer (sign-in, /auth/me), not a lost session. */
  quiet401?: boolean;
}

/** The answer's JSON (null for 204); ApiError for a refusal, NETWORK_ERROR when nothing answered. */
export async function send(path: string, options: RequestOptions = {}): Promise<unknown> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(API_BASE + withQuery(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, NETWORK_ERROR, 'The server could not be reached');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && !options.quiet401) onUnauthenticated?.();
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;

/** Why a sign-in was refused, as a text key of the apps' shared `login` namespace (null: another failure). */
export function signInRefusal(err: unknown): { key: 'login.throttled'; vars: { minutes: number } } | { key: 'login.wrong'; vars?: undefined } | null {
  if (err instanceof ApiError && err.code === 'TOO_MANY_REQUESTS') return { key: 'login.throttled', vars: { minutes: Math.max(1, Math.ceil((err.retryAfter ?? 900) / 60)) } };
  if (err instanceof ApiError && err.status === 401) return { key: 'login.wrong' };
  return null;
}
