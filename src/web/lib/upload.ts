// A multipart upload through XMLHttpRequest, the one browser API that reports upload progress (a
// big file on one bar of signal takes minutes): the CSRF token, the Idempotency-Key and the
// contract's error body as every other request has them, the answer checked by `schema`.
import type { z } from 'zod';
import { errorPartsOf, jsonOrNull, retryAfterSeconds } from '../../shared/error-body.ts';
import { API_BASE, ApiError, NETWORK_ERROR, getCsrfToken } from './api.ts';

export function uploadWithProgress<S extends z.ZodType>(
  path: string,
  form: FormData,
  schema: S,
  options: { idempotencyKey?: string; onProgress?: (fraction: number) => void } = {},
): Promise<z.infer<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API_BASE + path);
    xhr.setRequestHeader('accept', 'application/json');
    if (options.idempotencyKey) xhr.setRequestHeader('idempotency-key', options.idempotencyKey);
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'The server could not be reached'));
    xhr.onload = () => {
      // Not JSON: a proxy's page, read by its status.
      const payload = jsonOrNull(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        const ok = schema.safeParse(payload);
        if (ok.success) return resolve(ok.data);
      }
      const { code, message, details } = errorPartsOf(payload, xhr.status, xhr.statusText);
      reject(new ApiError(xhr.status, code, message, details, retryAfterSeconds(xhr.getResponseHeader('retry-after'))));
    };
    xhr.send(form);
  });
}
