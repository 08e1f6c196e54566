// The public pages' HTTP client: JSON reads, JSON and multipart writes with an Idempotency-Key,
// and the error contract ({error:{code,message,details}}) turned into something a form can show.
// No account, so no cookies or CSRF token; everything is same-origin under /api/v1/public.
import { errorPartsOf, jsonOrNull, retryAfterSeconds } from '../shared/error-body.ts';
import type { ErrorDetail } from '../shared/errors.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds, from Retry-After on a 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
  /** No answer at all (signal dropped, timeout): the request may or may not have arrived. */
  get network(): boolean {
    return this.status === 0;
  }
}

const BASE = '/api/v1/public';
/** A weak 3G signal is slow, but a request hanging for minutes helps nobody. */
const READ_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 180_000;

function toError(status: number, text: string, retryAfter: string | null): ApiError {
  // Without the contract's body (a proxy's page) the status says enough: residents are not shown
  // the server's English status line.
  const { code, message, details } = errorPartsOf(jsonOrNull(text), status, '');
  return new ApiError(status, code, message, details, retryAfterSeconds(retryAfter));
}

export async function getJson<T>(path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(READ_TIMEOUT_MS) });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'network');
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw toError(response.status, text, response.headers.get('retry-after'));
  return JSON.parse(text) as T;
}

/**
 * A random Idempotency-Key. crypto.randomUUID exists only on HTTPS or localhost; a county
 * server reached over plain HTTP still has getRandomValues.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `pub-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * POST through XMLHttpRequest: fetch cannot report upload progress, and on a weak signal a
 * bar that moves is what keeps people from tapping again or giving up.
 */
export function post<T>(path: string, body: FormData | object, idempotencyKey: string, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${BASE}${path}`);
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('idempotency-key', idempotencyKey);
    if (onProgress) {
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
    }
    const networkError = () => reject(new ApiError(0, 'NETWORK_ERROR', 'network'));
    xhr.onerror = networkError;
    xhr.ontimeout = networkError;
    xhr.onabort = networkError;
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'BAD_RESPONSE', 'unreadable answer'));
        }
      } else {
        reject(toError(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')));
      }
    };
    if (body instanceof FormData) xhr.send(body);
    else {
      xhr.setRequestHeader('content-type', 'application/json');
      xhr.send(JSON.stringify(body));
    }
  });
}
