// The rows of an uploaded spreadsheet, one at a time, whatever produced it: an .xlsx from
// Excel, WPS or LibreOffice (streamed by exceljs; worksheets written before their shared
// strings go to a temporary file, not memory), or a CSV/tab-separated text in UTF-8 (with or
// without BOM), UTF-16 (Excel's "Unicode text") or GB18030 (Chinese Windows' ANSI, a
// superset of GBK and GB2312). Row numbers are those the spreadsheet shows (header = 1).
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import { type Cell, cellValue } from './sheet.ts';

export interface RawRow {
  row: number;
  /** Cells by column number (1 = A); holes are empty cells. */
  values: Cell[];
}

export async function* xlsxRows(stream: Readable): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // dates are told from numbers by their cell style
    worksheets: 'emit',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const raw = row.values as unknown[];
      const values: Cell[] = new Array(raw.length);
      for (let i = 1; i < raw.length; i++) values[i] = cellValue(raw[i]);
      yield { row: row.number, values };
    }
    // The data is on the first sheet; notes may follow on others. Drain the rest unread.
    break;
  }
}

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

export async function* csvRows(stream: Readable, head: Buffer): AsyncGenerator<RawRow> {
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
    }),
  );
  let row = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    row += 1;
    const values: Cell[] = new Array(record.length + 1);
    for (let i = 0; i < record.length; i++) {
      const text = record[i] ?? '';
      values[i + 1] = text === '' ? null : text;
    }
    yield { row, values };
  }
}
