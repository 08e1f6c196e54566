// The error contract of API.md: one shape for every failure, codes the clients can switch on.
import { z } from 'zod';

export const ErrorCodes = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  CSRF_MISMATCH: 403,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  DUPLICATE: 409,
  COVERAGE_MISSING: 409,
  ALREADY_REMOVED: 409,
  PAYLOAD_TOO_LARGE: 413,
  // An uploaded spreadsheet past a limit of shared/import-limits.ts (texts in import-reasons.ts).
  FILE_TOO_LARGE_UNPACKED: 413,
  PART_TOO_LARGE_UNPACKED: 413,
  FILE_TOO_MANY_PARTS: 422,
  SHARED_STRINGS_TOO_LARGE: 422,
  TEXT_TOO_LONG: 422,
  CELL_TOO_LONG: 422,
  ROW_TOO_LONG: 422,
  TOO_MANY_COLUMNS: 422,
  TOO_MANY_ROWS: 422,
  FILE_DAMAGED: 422,
  FILE_TOO_COMPLEX: 422,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The server's disk (or database) is full: nothing was saved; retry after Retry-After. */
  STORAGE_FULL: 503,
} as const;
export type ErrorCode = keyof typeof ErrorCodes;

export const ErrorDetail = z.object({ path: z.string(), message: z.string() });
export type ErrorDetail = z.infer<typeof ErrorDetail>;

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(ErrorDetail).optional(),
      /** The request's id (also its x-request-id header and in its log lines), for a report of the failure. */
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;
