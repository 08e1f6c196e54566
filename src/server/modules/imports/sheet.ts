// Reading an uploaded spreadsheet as people fill it in: headers found by name (Chinese or
// English, any column order), row 1 the header, blank rows skipped, rich text and formulas read
// as their text and result, and codes that Excel turned into numbers turned back into digits —
// unless Excel already lost some of them. Shared by the territory and the person imports.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { toHalfWidth } from '../../../shared/normalise.ts';

export type Cell = string | number | null;
export interface SheetColumn {
  index: number;
  /** How a rejection names the column: the letter and the header as the sheet has it, "B 名称". */
  label: string;
}
export interface SheetRow<K extends string> {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  cells: Record<K, Cell>;
}
export type SheetResult<K extends string> =
  | { ok: true; columns: Record<K, SheetColumn | undefined>; rows: SheetRow<K>[] }
  | { ok: false; message: string };

/** The zip signature every .xlsx starts with, and the part only an Excel workbook has. */
export function looksLikeXlsx(file: Buffer): 'xlsx' | 'xls' | 'zip' | 'other' {
  if (file.length >= 8 && file.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  if (file.length < 4 || file.readUInt32BE(0) !== 0x504b0304) return 'other';
  return file.includes('xl/workbook.xml') ? 'xlsx' : 'zip';
}

export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export const headerKey = (text: string) =>
  toHalfWidth(text).toLowerCase().replace(/[(（][^)）]*[)）]/g, '').replace(/[\s*_\-:：]/g, '');

/** A cell as text or number: rich text joined, formulas by their result, dates as days. */
export function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text?: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return cellValue(v.richText.map((r) => r.text ?? '').join(''));
    if ('result' in v) return cellValue(v.result);
    if ('text' in v) return cellValue(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return null;
}

/** Reads the first worksheet. `headers` lists each field's accepted header names. */
export async function readSheet<K extends string>(file: Buffer, headers: Record<K, readonly string[]>, required: readonly K[]): Promise<SheetResult<K>> {
  const keys = Object.keys(headers) as K[];
  const columns = {} as Record<K, SheetColumn | undefined>;
  const rows: SheetRow<K>[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  let sheetSeen = false;
  for await (const sheet of reader) {
    if (sheetSeen) break; // the data is on the first sheet; notes may follow on others
    sheetSeen = true;
    for await (const row of sheet) {
      const values = row.values as unknown[];
      if (row.number === 1) {
        values.forEach((v, index) => {
          const text = cellValue(v);
          if (text === null) return;
          const key = keys.find((k) => headers[k].some((h) => headerKey(h) === headerKey(String(text))));
          if (key && !columns[key]) columns[key] = { index, label: `${columnLetter(index)} ${String(text).trim()}` };
        });
        const missing = required.filter((k) => !columns[k]);
        if (missing.length) {
          const names = missing.map((k) => headers[k][0]).join(', ');
          return { ok: false, message: `the header row (row 1) has no column ${names}: use the template's headers` };
        }
        continue;
      }
      const cells = {} as Record<K, Cell>;
      let blank = true;
      for (const k of keys) {
        const col = columns[k];
        const cell = col ? cellValue(values[col.index]) : null;
        cells[k] = typeof cell === 'string' ? cell.trim() : cell;
        if (cell !== null) blank = false;
      }
      if (!blank) rows.push({ row: row.number, cells });
    }
  }
  if (!Object.values(columns).some(Boolean)) return { ok: false, message: 'the first worksheet is empty: row 1 must hold the headers' };
  return { ok: true, columns, rows };
}

/**
 * A region code from a cell. Excel stores numbers with 15 significant digits: a numeric cell of
 * 16 or more digits, or a text like "3.39901E+17", may have lost digits and is refused.
 */
export function codeFromCell(cell: Cell): { ok: true; code: string } | { ok: false; message: string } {
  const textColumn = 'format the column as text and type the code again';
  if (cell === null) return { ok: false, message: 'is empty' };
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 0) return { ok: false, message: 'is not a whole number of digits' };
    if (cell >= 1e15) return { ok: false, message: `was stored by Excel as a number of 16 or more digits, which keeps only 15: it may have lost digits; ${textColumn}` };
    return { ok: true, code: String(cell) };
  }
  const text = toHalfWidth(cell).replace(/\s+/g, '');
  const sci = /^(\d)(?:\.(\d+))?e\+?(\d+)$/i.exec(text);
  if (sci) {
    const digits = `${sci[1] ?? ''}${sci[2] ?? ''}`;
    const length = Number(sci[3]) + 1;
    if (digits.length !== length) return { ok: false, message: `is in scientific notation (${text}) and has lost digits; ${textColumn}` };
    return { ok: true, code: digits };
  }
  const decimal = /^(\d+)\.0+$/.exec(text);
  return { ok: true, code: decimal?.[1] ?? text };
}
