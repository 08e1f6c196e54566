// The rows of an uploaded spreadsheet, one at a time, whatever produced it: an .xlsx from
// Excel, WPS or LibreOffice (xlsx-rows.ts: its zip read at random from the sealed upload, each
// part metered as it inflates), or a CSV/tab-separated text in UTF-8 (with or without BOM),
// UTF-16 (Excel's "Unicode text") or GB18030 (Chinese Windows' ANSI, a superset of GBK and
// GB2312). Row numbers are those the spreadsheet shows (header = 1). Every limit of
// shared/import-limits.ts is counted while the file streams; the first one passed refuses it.
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import type { SpreadsheetLimits } from '../../../shared/import-limits.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { ImportRefusal, refuse } from './import-refusal.ts';
import { openUpload, openUploadRange, readUploadHead, verifyUpload } from './sealed-upload.ts';
import { type Cell, type RawRow, columnLetter } from './sheet.ts';
import { WorkbookZip } from './workbook-zip.ts';
import { xlsxRows } from './xlsx-rows.ts';

export type { RawRow };

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';

/** The encoding of a text upload from its first bytes: a BOM says it; else valid UTF-8 or GB18030. */
export function detectEncoding(head: Buffer): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  // The sample may end inside a character: judge up to its last line break.
  const lastBreak = head.lastIndexOf(0x0a);
  const sample = lastBreak > 0 ? head.subarray(0, lastBreak) : head;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample);
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/** Comma, tab or semicolon: whichever the header line has most of. */
export function detectDelimiter(headerLine: string): string {
  const counts = [',', '\t', ';'].map((d) => [d, headerLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

type CsvLimits = Pick<SpreadsheetLimits, 'rowChars' | 'cellChars' | 'columns' | 'rows'>;

export async function* csvRows(stream: Readable, head: Buffer, limits: CsvLimits): AsyncGenerator<RawRow> {
  const encoding = detectEncoding(head);
  const headText = iconv.decode(head, encoding);
  const delimiter = detectDelimiter(headText.split(/\r?\n/)[0] ?? '');
  const parser = stream.pipe(iconv.decodeStream(encoding)).pipe(
    parse({
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: true,
      // The line being read is refused at this many characters: a 250 MB line is never held.
      max_record_size: limits.rowChars,
      // Called on each field as it ends, before the record holds it: a line of a million empty
      // fields is refused at the first past the limit, not after an array of a million.
      cast: (value: string, context: { index: number; records: number }) => {
        const row = context.records + 1;
        if (context.index >= limits.columns && value !== '') throw refuse('TOO_MANY_COLUMNS', { row, column: columnLetter(context.index + 1), max: limits.columns });
        // Empty fields past the limit (a sheet saved with trailing commas) are let be, a few.
        if (context.index >= limits.columns * 4) throw refuse('TOO_MANY_COLUMNS', { row, column: columnLetter(context.index + 1), max: limits.columns });
        if (value.length > limits.cellChars) throw refuse('CELL_TOO_LONG', { row, column: columnLetter(context.index + 1), max: limits.cellChars });
        return value;
      },
    }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      const width = Math.min(record.length, limits.columns);
      const values: Cell[] = new Array(width + 1);
      let blank = true;
      for (let i = 0; i < width; i++) {
        const text = record[i] ?? '';
        values[i + 1] = text === '' ? null : text;
        if (text !== '') blank = false;
      }
      if (row > limits.rows && !blank) throw refuse('TOO_MANY_ROWS', { max: limits.rows });
      yield { row, values };
    }
  } catch (err) {
    if (err instanceof ImportRefusal) throw err;
    const csv = err as { code?: string; records?: number };
    if (csv.code === 'CSV_MAX_RECORD_SIZE') throw refuse('ROW_TOO_LONG', { row: (csv.records ?? row) + 1, max: limits.rowChars });
    throw err;
  }
}

/** The rows of a sealed upload, how far through it the reading is (0–1), and how to let it go. */
export interface UploadRows {
  rows: AsyncGenerator<RawRow>;
  progress(): number;
  close(): void;
}

export async function openUploadRows(crypto: FieldCrypto, dataDir: string, ref: string, format: 'xlsx' | 'csv', limits: SpreadsheetLimits): Promise<UploadRows> {
  if (format === 'csv') {
    const upload = openUpload(crypto, dataDir, ref);
    const head = await readUploadHead(crypto, dataDir, ref);
    return { rows: csvRows(upload.stream, head, limits), progress: () => upload.bytesRead() / Math.max(1, upload.size), close: () => upload.stream.destroy() };
  }
  // The zip is read at random below, which the tag cannot check: one pass checks it first.
  await verifyUpload(crypto, dataDir, ref);
  const zip = await WorkbookZip.fromSealed(openUploadRange(crypto, dataDir, ref), limits);
  return { rows: xlsxRows(zip, limits), progress: () => zip.inflatedBytes / Math.max(1, zip.unpackedBytes), close: () => zip.close() };
}
