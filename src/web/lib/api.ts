// The staff app's API client: the shared one (src/client/http.ts: JSON, the CSRF token, the
// Idempotency-Key, ApiError), with every answer checked against the contract's zod schema.
import type { z } from 'zod';
import { type RequestOptions, send } from '../../client/http.ts';

export {
  API_BASE, ApiError, errorOf, getCsrfToken, isApiError, NETWORK_ERROR, newIdempotencyKey, type Query, setCsrfToken, setUnauthenticatedHandler, withQuery,
} from '../../client/http.ts';

export async function request<S extends z.ZodType>(path: string, schema: S, options: RequestOptions = {}): Promise<z.infer<S>> {
  return schema.parse(await send(path, options));
}
