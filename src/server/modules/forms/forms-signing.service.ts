// Signing a form: a signature drawn on the phone (PNG) or a scan of the signed paper form (a
// photo or scanned image). Both are decoded and written anew before they are kept (a signature
// as a PNG with its transparency, a scan as a JPEG: platform/photo-sanitize.ts), stored once by
// the SHA-256 of those bytes, and a form is signed once: the same signature again is a no-op
// (the same upload is always written to the same bytes), another one is a 409.
import { createHash } from 'node:crypto';
import { MAX_SIGNATURE_BYTES } from '../../../shared/forms.ts';
import type { Db } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import type { CleanImage } from '../../platform/photo-sanitize.ts';
import * as q from './forms.queries.ts';
import { toForm } from './forms.service.ts';

type Method = 'drawn' | 'scan';

/** A PDF cannot be decoded and written anew here, and it can carry scripts, links and files. */
export const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';

/** The bytes inside a PNG data URL, checked for size; sanitizeSignature judges whether they are a PNG. */
export function signatureBytes(dataUrl: string): Buffer {
  const base64 = dataUrl.slice('data:image/png;base64,'.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new AppError('VALIDATION_ERROR', 'dataUrl: not valid base64', [{ path: 'dataUrl', message: 'not valid base64' }]);
  }
  if ((base64.length * 3) / 4 > MAX_SIGNATURE_BYTES + 2) {
    throw new AppError('PAYLOAD_TOO_LARGE', `dataUrl: a signature may be at most ${MAX_SIGNATURE_BYTES / 1024} KB`, [{ path: 'dataUrl', message: 'larger than 200 KB' }]);
  }
  return Buffer.from(base64, 'base64');
}

export const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export async function signForm(
  tx: Db,
  ctx: AuditContext,
  id: string,
  file: { method: Method; image: CleanImage<'image/png' | 'image/jpeg'>; signedBy?: string },
) {
  const row = await q.findForm(tx, id);
  if (!row) throw notFound('form');
  const { data, contentType } = file.image;
  const sha256 = sha256Of(data);
  const same = row.signature_sha256 === sha256 && row.signature_method === file.method;
  if (row.status === 'signed') {
    if (same) return toForm(row); // a retry of the same signature: nothing to do
    throw new AppError('CONFLICT', 'The form is already signed with another signature', [{ path: 'status', message: 'already signed' }]);
  }
  const fields = JSON.parse(row.fields) as { name?: string; landlordName?: string };
  const signedBy = file.signedBy ?? fields.name ?? fields.landlordName ?? null;
  const at = nowIso();
  await q.storeFile(tx, { sha256, contentType, data, at });
  const signed = { status: 'signed' as const, signature_method: file.method, signature_sha256: sha256, signature_type: contentType, signed_at: at, signed_by: signedBy, updated_at: at };
  // Only a pending form is signed: of two racing signatures, the second finds it signed.
  const result = await tx.updateTable('forms').set(signed).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new AppError('CONFLICT', 'The form was signed meanwhile', [{ path: 'status', message: 'already signed' }]);
  await audit(tx, ctx, { action: 'sign', entity: 'form', entityId: id, regionId: row.region_id, details: { method: file.method, sha256, bytes: data.length } });
  return toForm({ ...row, ...signed });
}

/** The signature image or the scan of a signed form; every read is audited. */
export async function readSignatureFile(db: Db, ctx: AuditContext, id: string, method: Method) {
  const row = await q.findForm(db, id);
  if (!row) throw notFound('form');
  if (row.signature_method !== method || !row.signature_sha256) throw notFound(method === 'drawn' ? 'signature' : 'scan');
  const file = await q.readFile(db, row.signature_sha256);
  if (!file) throw notFound(method === 'drawn' ? 'signature' : 'scan');
  await audit(db, ctx, { action: 'read', entity: method === 'drawn' ? 'form_signature' : 'form_scan', entityId: id, regionId: row.region_id });
  return { contentType: file.content_type, data: Buffer.from(file.data) };
}
