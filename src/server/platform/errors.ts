// One error type, one code→status table (src/shared/errors.ts), one handler producing the
// contract's JSON. 5xx text is hidden; messages never carry personal data.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ErrorBody, type ErrorCode, ErrorCodes, type ErrorDetail } from '../../shared/errors.ts';
import { isDatabaseUnreachable } from '../db/dialect.ts';

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Extra headers, e.g. Retry-After on 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = ErrorCodes[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_ERROR', `${path}: ${message}`, [{ path, message }]);
/** Well-formed but refused by a rule of the domain (422): the field and why. */
export const unprocessable = (path: string, message: string) =>
  new AppError('UNPROCESSABLE', `${path}: ${message}`, [{ path, message }]);

/** How long a client waits before retrying a write refused for a full disk. */
export const STORAGE_RETRY_AFTER_SECONDS = 60;
export const storageFull = () =>
  new AppError('STORAGE_FULL', "The server's storage is full, so nothing was saved: try again later. The administrators have been alerted.", undefined, {
    'retry-after': String(STORAGE_RETRY_AFTER_SECONDS),
  });

/** How long a client waits before retrying a request refused while the database is unreachable (a restart takes seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const databaseUnavailable = () =>
  new AppError('UNAVAILABLE', 'The database cannot be reached right now: try again shortly', undefined, {
    'retry-after': String(DATABASE_RETRY_AFTER_SECONDS),
  });
/**
 * A request that arrives while this instance shuts down (SIGTERM: requests in flight finish,
 * new ones are refused): another instance takes it at once, so a short Retry-After; the
 * caller adds Connection: close so the client's next try opens a connection elsewhere.
 */
export const shuttingDown = () =>
  new AppError('UNAVAILABLE', 'This server is restarting: try again, another one will answer', undefined, { 'retry-after': '1' });
/** One log line per this many ms while the database stays away, not one per refused request. */
const UNREACHABLE_LOG_EVERY_MS = 10_000;

function body(code: string, message: string, details: ErrorDetail[] | undefined, requestId: string): ErrorBody {
  return { error: details?.length ? { code, message, details, requestId } : { code, message, requestId } };
}

/** Turns Fastify's own errors (parser, limits, content type) into contract codes. */
function fromFastifyError(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE', 'The request body is larger than the server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('INVALID_JSON', 'The body is empty but Content-Type says JSON', [
        { path: '(body)', message: 'empty body' },
      ]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('INVALID_JSON', 'The body is not valid JSON', [{ path: '(body)', message: 'malformed JSON' }]);
    case 'FST_ERR_NOT_FOUND':
      return new AppError('NOT_FOUND', 'No such route');
    default:
      break;
  }
  if (err instanceof SyntaxError && err.statusCode === 400) {
    return new AppError('INVALID_JSON', 'The body is not valid JSON', [{ path: '(body)', message: 'malformed JSON' }]);
  }
  if (err.statusCode === 429) return new AppError('TOO_MANY_REQUESTS', err.message);
  if (err.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The upload is larger than the server accepts');
  if (err.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here');
  if (err.statusCode === 406) return new AppError('BAD_REQUEST', 'Not acceptable');
  return null;
}

function validationDetails(err: FastifyError): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const v of err.validation ?? []) {
    const base = v.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
    const keys = (v.params as { keys?: unknown }).keys;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      for (const k of keys) out.push({ path: base ? `${base}.${String(k)}` : String(k), message: 'unknown field' });
    } else {
      out.push({ path: base || '(body)', message: v.message ?? 'invalid' });
    }
  }
  return out;
}

/** The phone app (/field/…) is its own small app for grid and patrol staff; the rest is the staff console. */
export const appPageFile = (path: string): string => (path === '/field' || path.startsWith('/field/') ? 'field.html' : 'index.html');

/** What load balancers and scrapers ask for: never answered with a page. */
const OPERATOR_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function installErrorHandler(app: FastifyInstance, opts: { spaIndex: boolean }): void {
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other GET of a page gets its index.html.
    // A missing script or image is a 404, not the page: a stale index.html would otherwise load
    // HTML as JavaScript and show a blank screen.
    const path = request.url.split('?')[0] ?? '';
    const isPage = !path.startsWith('/api/') && !path.startsWith('/assets/') && !OPERATOR_PATHS.has(path) && !/\.[a-z0-9]{1,8}$/i.test(path);
    if (opts.spaIndex && request.method === 'GET' && isPage) {
      // The public pages (/p/…) are their own small app, without the staff console's weight.
      const publicPage = path === '/p' || path.startsWith('/p/');
      // Both apps' pages carry the one strict Content-Security-Policy (security-headers.ts).
      return reply.type('text/html').header('cache-control', 'no-cache').sendFile(publicPage ? 'public.html' : appPageFile(path));
    }
    return reply.code(404).send(body('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`, undefined, request.id));
  });

  let lastUnreachableLog = 0;
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers);
      return reply.code(err.status).send(body(err.code, err.message, err.details, request.id));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = validationDetails(err);
      const where = err.validationContext ?? 'request';
      const fields = [...new Set(details.map((d) => d.path))].join(', ');
      return reply.code(400).send(body('VALIDATION_ERROR', `Invalid ${where}: ${fields}`, details, request.id));
    }
    const mapped = fromFastifyError(err);
    if (mapped) return reply.code(mapped.status).send(body(mapped.code, mapped.message, mapped.details, request.id));
    // A full disk is logged by app.storage, once a minute: not a trace per refused request.
    if (app.storage.noteFailure(err)) {
      request.refusedForStorage = true;
      const refusal = storageFull();
      return reply.code(refusal.status).headers(refusal.headers ?? {}).send(body(refusal.code, refusal.message, undefined, request.id));
    }
    // The database restarting or gone: a 503 the client may retry (the outbox and the balancer
    // do), not a 500 that reads as a bug. /readyz says the same to the load balancer.
    if (isDatabaseUnreachable(err)) {
      const now = Date.now();
      if (now - lastUnreachableLog >= UNREACHABLE_LOG_EVERY_MS) {
        lastUnreachableLog = now;
        request.log.warn({ code: (err as { code?: unknown }).code, err: err.message }, 'database unreachable: answering 503 with Retry-After');
      }
      const refusal = databaseUnavailable();
      return reply.code(refusal.status).headers(refusal.headers ?? {}).send(body(refusal.code, refusal.message, undefined, request.id));
    }
    // Unknown failure: log it (the logger redacts personal fields), answer without internals.
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body('INTERNAL', 'Something went wrong on the server; it has been logged', undefined, request.id));
  });
}
