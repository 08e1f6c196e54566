// Helpers shared by the tips API tests: filing as the public does, with photos in a form.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

export interface FormFile {
  name: string;
  content: Buffer;
  type?: string;
}

/** A multipart body: the JSON in `data`, then the files as `photos` (or `field`). */
export function tipForm(data: unknown, files: FormFile[] = [], field = 'photos') {
  const boundary = '----gridguard-tips-boundary';
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="data"\r\n\r\n${typeof data === 'string' ? data : JSON.stringify(data)}\r\n`)];
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${field}"; filename="${f.name}"\r\ncontent-type: ${f.type ?? 'image/jpeg'}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let addressSeq = 0;
/** A fresh client address per call unless given: the per-address limit stays out of the way. */
export const nextAddress = () => `10.0.${Math.floor(++addressSeq / 250)}.${(addressSeq % 250) + 1}`;

export function filer(app: FastifyInstance) {
  const postJson = (body: unknown, opts: { address?: string; headers?: Record<string, string> } = {}) =>
    app.inject({ method: 'POST', url: '/api/v1/public/tips', payload: body as object, headers: opts.headers, remoteAddress: opts.address ?? nextAddress() });
  const postForm = (data: unknown, files: FormFile[], opts: { address?: string; headers?: Record<string, string>; field?: string } = {}) => {
    const form = tipForm(data, files, opts.field);
    return app.inject({ method: 'POST', url: '/api/v1/public/tips', payload: form.payload, headers: { ...form.headers, ...opts.headers }, remoteAddress: opts.address ?? nextAddress() });
  };
  const track = (code: string, address?: string) => app.inject({ method: 'GET', url: `/api/v1/public/tips/${encodeURIComponent(code)}`, remoteAddress: address ?? nextAddress() });
  const file = async (body: unknown): Promise<string> => {
    const res = await postJson(body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ trackingCode: string }>().trackingCode;
  };
  return { postJson, postForm, track, file };
}

export const detailsOf = (res: LightMyRequestResponse) => (res.json().error?.details ?? []) as { path: string; message: string }[];
