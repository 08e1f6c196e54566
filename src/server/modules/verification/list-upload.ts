// A verification list's upload: the `file` part streams to a sealed file (never into memory)
// beside the form's text fields, in any order; an .xlsx's zip directory is checked against the
// spreadsheet limits before anything is inflated (imports' defences against zip bombs).
import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { UploadTooLarge, openUploadRange, removeUpload, sealUpload, sniffUpload } from '../imports/sealed-upload.ts';
import { WorkbookZip } from '../imports/workbook-zip.ts';

/** Lists run to a few hundred thousand names: 100 MB is ample. */
export const MAX_LIST_BYTES = 100 * 1024 * 1024;
const MAX_FIELDS = 10;

export interface ListUpload {
  ref: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  sha256: string;
  /** The form's text fields as sent. */
  fields: Record<string, string>;
}

const tooLarge = (maxBytes = MAX_LIST_BYTES) => new AppError('PAYLOAD_TOO_LARGE', `file: the file is larger than ${maxBytes / 1_048_576} MB: split it`, [{ path: 'file', message: 'too large' }]);
export const fieldError = (path: string, message: string) => new AppError('VALIDATION_ERROR', `${path}: ${message}`, [{ path, message }]);

export async function receiveListUpload(request: FastifyRequest, maxBytes = MAX_LIST_BYTES): Promise<ListUpload> {
  if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the list as multipart/form-data with the spreadsheet in a "file" field');
  if (Number(request.headers['content-length'] ?? 0) > maxBytes + 65_536) throw tooLarge(maxBytes);
  const { config, fieldCrypto } = request.server;
  const ref = newId();
  let sealed: Awaited<ReturnType<typeof sealUpload>> | null = null;
  let fileName = '';
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: MAX_FIELDS, fieldSize: 16_384 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw fieldError(part.fieldname, 'send the spreadsheet in the "file" field');
        fileName = part.filename;
        sealed = await sealUpload(fieldCrypto, config.dataDir, ref, part.file, maxBytes);
        if (part.file.truncated) throw new UploadTooLarge();
      } else fields[part.fieldname] = String(part.value);
    }
    if (!sealed) throw fieldError('file', 'no spreadsheet in the upload');
    const kind = sniffUpload(sealed.head);
    if (kind === 'xls') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: an old Excel 97–2003 (.xls) workbook: save it as .xlsx or .csv', [{ path: 'file', message: 'an .xls workbook' }]);
    if (kind === 'binary') throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: neither an .xlsx workbook nor CSV text', [{ path: 'file', message: 'not .xlsx or .csv' }]);
    if (sealed.bytes === 0) throw fieldError('file', 'the file is empty');
    if (kind === 'xlsx') {
      const zip = await WorkbookZip.inspect(WorkbookZip.fromSealed(openUploadRange(fieldCrypto, config.dataDir, ref), IMPORT_LIMITS.persons));
      if (!zip.workbook) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'file: a zip archive but not an Excel workbook', [{ path: 'file', message: 'not .xlsx or .csv' }]);
    }
    return { ref, fileName, format: kind === 'xlsx' ? 'xlsx' : 'csv', sha256: sealed.sha256, fields };
  } catch (err) {
    removeUpload(config.dataDir, ref);
    if (err instanceof UploadTooLarge || (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxBytes);
    throw err;
  }
}
