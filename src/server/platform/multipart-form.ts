// A multipart form of one JSON `data` field and a few files (a tip with its photos, a notice
// image): limits checked while reading, errors naming the field, nothing kept on refusal.
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export interface FormLimits {
  /** The files' field name: `photos`. */
  fileField: string;
  maxFiles: number;
  maxFileBytes: number;
  /** The `data` field's JSON, in bytes. */
  maxDataBytes?: number;
}

export interface ReceivedForm {
  /** The parsed JSON of the `data` field (undefined when absent). */
  data: unknown;
  files: Buffer[];
}

const mb = (n: number) => `${Math.round((n / 1_048_576) * 10) / 10} MB`;

export async function receiveForm(request: FastifyRequest, limits: FormLimits): Promise<ReceivedForm> {
  const { fileField, maxFiles, maxFileBytes } = limits;
  const maxDataBytes = limits.maxDataBytes ?? 65_536;
  // Refuse an announced oversize body before reading it; 64 KiB leaves room for the framing.
  const announced = Number(request.headers['content-length'] ?? 0);
  if (announced > maxFiles * maxFileBytes + maxDataBytes + 65_536) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The upload is too large: at most ${maxFiles} files of ${mb(maxFileBytes)} each`, [{ path: fileField, message: 'too large' }]);
  }
  let data: unknown;
  const files: Buffer[] = [];
  try {
    for await (const part of request.parts({ limits: { fileSize: maxFileBytes, files: maxFiles + 1, fields: 4, fieldSize: maxDataBytes, parts: maxFiles + 6 } })) {
      if (part.type === 'file') {
        const at = `${fileField}[${files.length}]`;
        if (part.fieldname !== fileField) {
          await part.toBuffer().catch(() => undefined);
          throw new AppError('VALIDATION_ERROR', `${part.fieldname}: unknown file field; send files as "${fileField}"`, [{ path: part.fieldname, message: 'unknown file field' }]);
        }
        if (files.length >= maxFiles) throw new AppError('VALIDATION_ERROR', `${fileField}: at most ${maxFiles} files`, [{ path: fileField, message: `at most ${maxFiles}` }]);
        try {
          files.push(await part.toBuffer());
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
            throw new AppError('PAYLOAD_TOO_LARGE', `${at}: a file may be at most ${mb(maxFileBytes)}`, [{ path: at, message: `larger than ${mb(maxFileBytes)}` }]);
          }
          throw err;
        }
      } else if (part.fieldname === 'data') {
        if (part.valueTruncated) throw new AppError('PAYLOAD_TOO_LARGE', `data: at most ${maxDataBytes} bytes`, [{ path: 'data', message: 'too long' }]);
        try {
          data = JSON.parse(String(part.value));
        } catch {
          throw new AppError('INVALID_JSON', 'data: the field is not valid JSON', [{ path: 'data', message: 'malformed JSON' }]);
        }
      } else {
        throw new AppError('VALIDATION_ERROR', `${part.fieldname}: unknown field; send the fields as JSON in "data"`, [{ path: part.fieldname, message: 'unknown field' }]);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') throw new AppError('VALIDATION_ERROR', `${fileField}: at most ${maxFiles} files`, [{ path: fileField, message: `at most ${maxFiles}` }]);
    if (code === 'FST_FIELDS_LIMIT') throw new AppError('VALIDATION_ERROR', 'Too many form fields: send the fields as JSON in "data"', [{ path: '(body)', message: 'too many fields' }]);
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_PROTO_VIOLATION') throw new AppError('BAD_REQUEST', 'The multipart body is malformed', [{ path: '(body)', message: 'malformed multipart' }]);
    throw err;
  }
  return { data, files };
}
