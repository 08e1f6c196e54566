// The error contract of API.md ({"error":{"code","message","details"}}) read back from an
// answer, the one way every client does it: the staff web (lib/api.ts), the grid worker's outbox
// (offline/sync.ts) and the public pages (public/api.ts). Plain checks, no zod: the public
// pages must stay small enough for a weak signal and may not load it.
import type { ErrorDetail } from './errors.ts';

export interface ErrorParts {
  code: string;
  message: string;
  details: ErrorDetail[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isDetail = (d: unknown): d is ErrorDetail => isRecord(d) && typeof d.path === 'string' && typeof d.message === 'string';

/**
 * The server's code, message and field details from an answer's parsed JSON. Anything else (a
 * proxy's error page, an empty body: pass null) gives a code by the status and the status line
 * as the message. Details that are not {path, message} are left out.
 */
export function errorPartsOf(payload: unknown, status: number, statusText: string): ErrorParts {
  const error = isRecord(payload) ? payload.error : undefined;
  if (isRecord(error) && typeof error.code === 'string') {
    return {
      code: error.code,
      message: typeof error.message === 'string' ? error.message : '',
      details: Array.isArray(error.details) ? error.details.filter(isDetail) : [],
    };
  }
  return { code: status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', message: statusText, details: [] };
}

/** The text of an answer as JSON, or null when it is not JSON (a proxy's HTML page). */
export function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Seconds to wait from a Retry-After header (the server sends whole seconds); null when absent or not a positive number. */
export function retryAfterSeconds(header: string | null): number | null {
  const seconds = header === null ? Number.NaN : Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}
