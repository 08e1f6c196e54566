// The id of one request: in its log lines (requestId), its answer's x-request-id header and its
// error body. A proxy in front (nginx's $request_id) may send its own in x-request-id, so one id
// follows the request through both logs; anything that does not look like an id (too long, or
// characters that could forge a log field) is replaced by a fresh one.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE = /^[A-Za-z0-9._:-]{8,64}$/;

export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
}
