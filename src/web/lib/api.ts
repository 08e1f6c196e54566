// The API client: JSON in and out, the contract's ErrorBody turned into ApiError, the session's
// CSRF token on every write, and an Idempotency-Key on every POST/PATCH.
import type { z } from 'zod';
import { ErrorBody, type ErrorDetail } from '../../shared/errors.ts';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds, from Retry-After (login throttling). */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

/** Thrown when the server cannot be reached at all (no signal, server down). */
export const NETWORK_ERROR = 'NETWORK_ERROR';

// The CSRF token lives in memory only; on a reload it comes back from GET /auth/me.
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};
/** For the few requests not made through request() (an upload that reports its progress). */
export const getCsrfToken = (): string | null => csrfToken;

let onUnauthenticated: (() => void) | null = null;
/** The auth context registers what to do when a request finds the session gone. */
export const setUnauthenticatedHandler = (fn: (() => void) | null): void => {
  onUnauthenticated = fn;
};

export const newIdempotencyKey = (): string => crypto.randomUUID();

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** A multipart upload instead of JSON. */
  form?: FormData;
  idempotencyKey?: string;
  signal?: AbortSignal;
  /** A 401 here is an answer, not a lost session (sign-in, /auth/me). */
  quiet401?: boolean;
}

async function errorOf(response: Response): Promise<ApiError> {
  const retry = Number(response.headers.get('retry-after'));
  const retryAfter = Number.isFinite(retry) && retry > 0 ? retry : null;
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic error.
  }
  const parsed = ErrorBody.safeParse(payload);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details ?? [], retryAfter);
  }
  return new ApiError(response.status, response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', response.statusText, [], retryAfter);
}

export async function request<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
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
    response = await fetch(API_BASE + withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, NETWORK_ERROR, 'The server could not be reached');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (error.status === 401 && !options.quiet401) onUnauthenticated?.();
    throw error;
  }
  return schema.parse(await response.json());
}

export const isApiError = (err: unknown): err is ApiError => err instanceof ApiError;
