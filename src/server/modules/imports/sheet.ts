// Reading an uploaded spreadsheet as people fill it in: headers found by name (Chinese or
// English, any column order), row 1 the header, blank rows skipped, rich text and formulas read
// as their text and result, and codes that Excel turned into numbers turned back into digits —
// unless Excel already lost some of them. Shared by the territory and the person imports.
import type { SpreadsheetLimits } from '../../../shared/import-limits.ts';
import { toHalfWidth } from '../../../shared/normalise.ts';
import { WorkbookZip } from './workbook-zip.ts';
import { xlsxRows } from './xlsx-rows.ts';

export type Cell = string | number | null;
/** A row as the spreadsheet has it, whichever format it came in. */
export interface RawRow {
  /** The row number as the spreadsheet shows it (the header is 1). */
  row: number;
  /** Cells by column number (1 = A); holes are empty cells. */
  values: Cell[];
}
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

/** What the first bytes of an upload say: an old .xls (an OLE file), a zip, or neither. */
export function fileSignature(file: Buffer): 'xls' | 'zip' | 'other' {
  if (file.length >= 8 && file.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  return file.length >= 4 && file.readUInt32BE(0) === 0x504b0304 ? 'zip' : 'other';
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

/**
 * Reads the first worksheet of an .xlsx held in memory (the territory import's upload), under
 * `limits`. `headers` lists each field's accepted header names.
 */
export async function readSheet<K extends string>(
  file: Buffer,
  headers: Record<K, readonly string[]>,
  required: readonly K[],
  limits: SpreadsheetLimits,
): Promise<SheetResult<K>> {
  const keys = Object.keys(headers) as K[];
  const columns = {} as Record<K, SheetColumn | undefined>;
  const rows: SheetRow<K>[] = [];
  const zip = await WorkbookZip.fromBuffer(file, limits);
  try {
    for await (const row of xlsxRows(zip, limits)) {
      const values = row.values;
      if (row.row === 1) {
        values.forEach((v, index) => {
          if (v === null) return;
          const key = keys.find((k) => headers[k].some((h) => headerKey(h) === headerKey(String(v))));
          if (key && !columns[key]) columns[key] = { index, label: `${columnLetter(index)} ${String(v).trim()}` };
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
        const cell = col ? (values[col.index] ?? null) : null;
        cells[k] = typeof cell === 'string' ? cell.trim() : cell;
        if (cell !== null) blank = false;
      }
      if (!blank) rows.push({ row: row.row, cells });
    }
  } finally {
    zip.close();
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
