// The reading phase of the people import: the sealed upload → header → each row checked,
// normalised and encrypted → chunks of staged rows and refusals. CPU-bound (parsing, AES-GCM,
// HMAC), so the import runs it in a worker thread (person-reader.worker.ts) while the main
// thread writes the previous chunk; it has no database access of its own.
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';
import type { ImportPersonRowsTable } from './imports.tables.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import type { ImportRejection } from './import-jobs.ts';
import { ImportRefusal, type JobFailure, failureOf } from './import-refusal.ts';
import { PERSON_IMPORT_HEADERS, PERSON_IMPORT_REQUIRED, type PersonImportField } from './person-columns.ts';
import { type RowContext, type RowRegion, parsePersonRow } from './person-row.ts';
import { type RawRow, type UploadRows, openUploadRows } from './row-source.ts';
import { type SheetColumn, columnLetter, headerKey } from './sheet.ts';

export interface ReaderInput {
  jobId: string;
  dataDir: string;
  uploadRef: string;
  format: 'xlsx' | 'csv';
  today: string;
  defaultRegion: RowRegion;
  /** Every region code of the territory: the region, or 'outside' the importer's subtree. */
  regions: [string, RowRegion | 'outside'][];
  chunkRows: number;
}

export type ReaderEvent =
  | { type: 'header'; idLabel: string }
  | { type: 'chunk'; staged: ImportPersonRowsTable[]; rejections: ImportRejection[]; total: number; progress: number }
  | { type: 'done'; total: number }
  | ({ type: 'failed' } & JobFailure);

function mapHeader(raw: RawRow): { ok: true; columns: Partial<Record<PersonImportField, SheetColumn>> } | { ok: false; message: string } {
  const columns: Partial<Record<PersonImportField, SheetColumn>> = {};
  const fields = Object.keys(PERSON_IMPORT_HEADERS) as PersonImportField[];
  raw.values.forEach((value, index) => {
    if (value === null || value === undefined) return;
    const key = headerKey(String(value));
    const field = fields.find((f) => PERSON_IMPORT_HEADERS[f].some((h) => headerKey(h) === key));
    if (field && !columns[field]) columns[field] = { index, label: `${columnLetter(index)} ${String(value).trim()}` };
  });
  const missing = PERSON_IMPORT_REQUIRED.filter((f) => !columns[f]);
  if (missing.length) {
    return { ok: false, message: `the header row (row 1) has no column ${missing.map((f) => PERSON_IMPORT_HEADERS[f][0]).join(', ')}: use the template's headers` };
  }
  return { ok: true, columns };
}

const unreadable = (format: 'xlsx' | 'csv') =>
  format === 'xlsx' ? 'the file could not be read as an Excel workbook: save it again as .xlsx' : 'the file could not be read as CSV text';

/** The upload's rows as events; the caller consumes each chunk before the next is read. */
export async function* readPersonRows(crypto: FieldCrypto, input: ReaderInput): AsyncGenerator<ReaderEvent> {
  const regionByCode = new Map(input.regions);
  let upload: UploadRows;
  try {
    upload = await openUploadRows(crypto, input.dataDir, input.uploadRef, input.format, IMPORT_LIMITS.persons);
  } catch (err) {
    yield err instanceof ImportRefusal ? { type: 'failed', ...failureOf(err) } : { type: 'failed', message: unreadable(input.format) };
    return;
  }
  let ctx: RowContext | null = null;
  let staged: ImportPersonRowsTable[] = [];
  let rejections: ImportRejection[] = [];
  let total = 0;
  const progress = () => Math.min(699, Math.floor(upload.progress() * 700));
  try {
    for await (const raw of upload.rows) {
      if (!ctx) {
        if (raw.values.every((v) => v === null || v === undefined)) continue;
        if (raw.row !== 1) {
          yield { type: 'failed', message: 'row 1 must hold the headers; it is empty' };
          return;
        }
        const header = mapHeader(raw);
        if (!header.ok) {
          yield { type: 'failed', message: header.message };
          return;
        }
        yield { type: 'header', idLabel: header.columns.idNumber?.label ?? 'idNumber' };
        ctx = { crypto, jobId: input.jobId, today: input.today, columns: header.columns, defaultRegion: input.defaultRegion, regionByCode: (code) => regionByCode.get(code) ?? 'unknown' };
        continue;
      }
      const result = parsePersonRow(raw, ctx);
      if (result.ok === 'blank') continue;
      total += 1;
      if (result.ok) staged.push(result.row);
      else rejections.push(...result.rejections);
      if (staged.length + rejections.length >= input.chunkRows) {
        yield { type: 'chunk', staged, rejections, total, progress: progress() };
        staged = [];
        rejections = [];
      }
    }
  } catch (err) {
    if (err instanceof ImportRefusal) yield { type: 'failed', ...failureOf(err) };
    else yield { type: 'failed', message: !ctx ? unreadable(input.format) : `the file could not be read past row ${total + 1}: it may be damaged; save it again and upload it` };
    return;
  } finally {
    upload.close();
  }
  if (!ctx) {
    yield { type: 'failed', message: 'the file is empty: row 1 must hold the headers' };
    return;
  }
  if (staged.length || rejections.length) yield { type: 'chunk', staged, rejections, total, progress: progress() };
  yield { type: 'done', total };
}
