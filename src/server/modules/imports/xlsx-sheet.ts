// The rows of a worksheet part, read from its XML as it inflates. Only cells with a value are
// kept, in an array as wide as the row's last value: a <dimension ref="A1:XFD1048576"> is not
// read at all, an empty cell at column XFD costs nothing, and a value beyond the column limit,
// a row beyond the row limit or a cell longer than Excel allows refuses the file, naming the
// row and the column, at the moment it is met.
// Cells read as Excel shows them: shared and inline strings (rich-text runs joined, phonetic
// guides left out), numbers as numbers (a date is Excel's serial day number: styles are not
// read), TRUE/FALSE, error values as their text (#N/A), formulas by their cached result.
import type { SpreadsheetLimits } from '../../../shared/import-limits.ts';
import { refuse } from './import-refusal.ts';
import type { SharedStrings } from './shared-strings.ts';
import type { Cell, RawRow } from './sheet.ts';
import type { WorkbookZip } from './workbook-zip.ts';
import { type XmlHandler, parseXmlPart } from './xml-part.ts';

/** XFD: the last column Excel has. */
const EXCEL_COLUMNS = 16_384;

/** "AB12" → 28; a reference past XFD (or not a reference) → Infinity. */
export function columnOfReference(ref: string): number {
  let column = 0;
  // Four letters are already past XFD: no need to read further.
  for (let i = 0; i < ref.length && i < 4; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column > EXCEL_COLUMNS || column === 0 ? Number.POSITIVE_INFINITY : column;
}

const lettersOf = (ref: string) => (/^[A-Z]{1,8}/.exec(ref)?.[0] ?? ref.slice(0, 8)) || '?';
const textCell = (text: string): Cell => (text.trim() === '' ? null : text);

type Limits = Pick<SpreadsheetLimits, 'cellChars' | 'columns' | 'rows'>;

export function sheetRows(zip: WorkbookZip, part: string, strings: SharedStrings, limits: Limits): AsyncGenerator<RawRow> {
  const ready: RawRow[] = [];
  let inData = false;
  let rowNumber = 0;
  let values: Cell[] | null = null;
  // The cell being read.
  let column = 0;
  let reference = '';
  let type = 'n';
  let nextColumn = 1;
  let collecting = false;
  let inInline = false;
  let phonetic = 0;
  let pieces: string[] = [];
  let length = 0;

  const letters = () => (reference ? lettersOf(reference) : String(column));
  const cellOf = (text: string): Cell => {
    switch (type) {
      case 's': {
        const index = Number(text);
        return Number.isInteger(index) ? textCell(strings.get(index) ?? '') : null;
      }
      case 'str':
      case 'inlineStr':
        return textCell(text);
      case 'b':
        return text === '' ? null : text === '1' || text === 'true' ? 'TRUE' : 'FALSE';
      case 'e':
        return textCell(text);
      case 'd':
        return text === '' ? null : text.slice(0, 10);
      default: {
        if (text.trim() === '') return null;
        const n = Number(text);
        return Number.isFinite(n) ? n : null;
      }
    }
  };

  const handler: XmlHandler = {
    open(name, attributes) {
      if (name === 'sheetData') inData = true;
      if (!inData) return;
      if (name === 'row') {
        const r = attributes.r === undefined ? rowNumber + 1 : Number(attributes.r);
        if (!Number.isInteger(r) || r < 1) throw refuse('FILE_DAMAGED', { part: `${part}: row ${String(attributes.r).slice(0, 12)}` });
        rowNumber = r;
        values = [];
        nextColumn = 1;
      } else if (name === 'c') {
        reference = attributes.r ?? '';
        column = reference ? columnOfReference(reference) : nextColumn;
        nextColumn = column + 1;
        type = attributes.t ?? 'n';
        pieces = [];
        length = 0;
        inInline = false;
        phonetic = 0;
      } else if (name === 'v') collecting = true;
      else if (name === 'is') inInline = true;
      else if (name === 'rPh') phonetic += 1;
      else if (name === 't' && inInline) collecting = phonetic === 0;
    },
    close(name) {
      if (name === 'sheetData') inData = false;
      if (!inData) return;
      if (name === 'v' || name === 't') collecting = false;
      else if (name === 'rPh') phonetic -= 1;
      else if (name === 'c' && values) {
        const value = cellOf(pieces.length === 1 ? (pieces[0] as string) : pieces.join(''));
        pieces = [];
        if (value === null) return;
        if (column > limits.columns) throw refuse('TOO_MANY_COLUMNS', { row: rowNumber, column: letters(), max: limits.columns });
        if (rowNumber > limits.rows) throw refuse('TOO_MANY_ROWS', { max: limits.rows });
        values[column] = value;
      } else if (name === 'row' && values) {
        ready.push({ row: rowNumber, values });
        values = null;
      }
    },
    text(text) {
      if (!collecting) return;
      length += text.length;
      if (length > limits.cellChars) throw refuse('CELL_TOO_LONG', { row: rowNumber, column: letters(), max: limits.cellChars });
      pieces.push(text);
    },
  };
  return parseXmlPart(part, zip.read(part), handler, () => ready.splice(0));
}
