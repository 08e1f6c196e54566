// Photo upload and download shared by every route that keeps photos in the photo store
// (photo-store.ts: patrol logs, rectification evidence, tips, notices): one set of limits, and every photo decoded and written
// again as a clean JPEG (platform/photo-sanitize.ts) before it is stored.
import type {} from '@fastify/multipart'; // request.parts() and isMultipart() types
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_PATROL_PHOTO_BYTES } from '../../shared/patrol-logs.ts';
import { AppError } from './errors.ts';
import { type CleanPhoto, sanitizePhoto } from './photo-sanitize.ts';
import { type UploadParts, filePart } from './upload-parts.ts';
import { z } from 'zod';

const MAX_MB = MAX_PATROL_PHOTO_BYTES / 1_048_576;
const photoTooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `file: a photo may be at most ${MAX_MB} MB`, [{ path: 'file', message: `larger than ${MAX_MB} MB` }]);

/** What receivePhoto reads, declared on the routes that call it (`config.multipart`). */
export const PHOTO_UPLOAD: UploadParts = { form: z.object({ file: filePart(`JPEG, PNG or WebP (judged by its bytes), at most ${MAX_MB} MB`) }) };

/** The `file` of a multipart photo upload (JPEG, PNG or WebP by its bytes, at most 5 MB) as a clean JPEG. */
export async function receivePhoto(request: FastifyRequest): Promise<CleanPhoto> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the photo as multipart/form-data in a "file" field', [{ path: 'file', message: 'multipart/form-data expected' }]);
  // Refuse an announced oversize body before reading it; 64 KiB leaves room for the multipart framing.
  if (Number(request.headers['content-length'] ?? 0) > MAX_PATROL_PHOTO_BYTES + 65_536) throw photoTooLarge();
  let file: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_PATROL_PHOTO_BYTES, files: 1, fields: 0 } })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file') throw new AppError('VALIDATION_ERROR', `${part.fieldname}: send the photo in the "file" field`, [{ path: part.fieldname, message: 'unknown file field' }]);
      file = await part.toBuffer();
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
    throw err;
  }
  if (!file?.length) throw new AppError('VALIDATION_ERROR', 'file: no photo in the upload', [{ path: 'file', message: 'required' }]);
  return sanitizePhoto(file, 'file');
}

/** Photos are immutable (addressed by digest) but private to the region: cached by the browser only. */
export function sendPhoto(reply: FastifyReply, photo: { contentType: string; data: Buffer }) {
  return reply.type(photo.contentType).header('cache-control', 'private, max-age=86400, immutable').header('x-content-type-options', 'nosniff').send(photo.data);
}
