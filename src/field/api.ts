// The phone app's requests: the shared client (src/client/http.ts) without a schema check — the
// answers are the server's own, typed by the contract's types (zod would cost ~90 KB on 3G).
import { type RequestOptions, send } from '../client/http.ts';

export { ApiError, API_BASE, newIdempotencyKey, setCsrfToken, setUnauthenticatedHandler, withQuery } from '../client/http.ts';

export const api = <T,>(path: string, options?: RequestOptions): Promise<T> => send(path, options) as Promise<T>;
