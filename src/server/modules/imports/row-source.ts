// The rows of an uploaded spreadsheet, one at a time, whatever produced it: an .xlsx from
// Excel, WPS or LibreOffice (streamed by exceljs; worksheets written before their shared
// strings go to a temporary file, not memory), or a CSV/tab-separated text in UTF-8 (with or
// without BOM), UTF-16 (Excel's "Unicode text") or GB18030 (Chinese Windows' ANSI, a
// superset of GBK and GB2312). Row numbers are those the spreadsheet shows (header = 1).
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';
import { SharedStrings, sharedStringText } from './shared-strings.ts';
import { type Cell, cellValue } from './sheet.ts';

export interface RawRow {
  row: number;
  /** Cells by column number (1 = A); holes are empty cells. */
  values: Cell[];
}

export async function* xlsxRows(stream: Readable): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    // Shared strings are kept compactly here (shared-strings.ts), not as exceljs' JS strings;
    // with 'emit', exceljs also defers every worksheet until they have all been read.
    sharedStrings: 'emit',
    hyperlinks: 'ignore',
    // Styles ignored: 30 % faster; a date cell then reads as Excel's serial day number, which
    // dayFromCell turns into the day.
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const strings = new SharedStrings();
  // parse() yields the shared strings bare ({index, text}, in order), the rest as {eventType, value}.
  const parse = (reader as unknown as { parse(): AsyncIterable<{ eventType?: string; value?: unknown; index?: number; text?: unknown }> }).parse();
  for await (const event of parse) {
    const { eventType, value } = event;
    if (eventType === undefined && typeof event.index === 'number') {
      strings.add(sharedStringText(event.text));
      continue;
    }
    if (eventType !== 'worksheet') continue;
    for await (const row of value as AsyncIterable<{ number: number; values: unknown }>) {
      const raw = row.values as unknown[];
      const values: Cell[] = new Array(raw.length);
      for (let i = 1; i < raw.length; i++) {
        const v = raw[i];
        const shared = v !== null && typeof v === 'object' ? (v as { sharedString?: unknown }).sharedString : undefined;
        values[i] = typeof shared === 'number' ? cellValue(strings.get(shared)) : cellValue(v);
      }
      yield { row: row.number, values };
    }
    // The data is on the first sheet; notes may follow on others, unread.
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
