// The rows of an .xlsx's first worksheet, read part by part from its zip: the workbook names the
// first sheet and its relationships say where it and the shared strings are; the shared
// strings are read first (held compactly, under their own budget), then the sheet is streamed
// row by row. Random access to the zip means no part waits in a temporary file: a worksheet
// written before its shared strings is simply read after them.
import type { SpreadsheetLimits } from '../../../shared/import-limits.ts';
import { refuse } from './import-refusal.ts';
import { SharedStrings, readSharedStrings } from './shared-strings.ts';
import type { RawRow } from './sheet.ts';
import type { WorkbookZip } from './workbook-zip.ts';
import { sheetRows } from './xlsx-sheet.ts';
import { parseXmlPart } from './xml-part.ts';

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** A relationship's target as a part name: relative to xl/, or absolute from the zip's root. */
export function partName(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') out.pop();
    else if (segment !== '.' && segment !== '') out.push(segment);
  }
  return out.join('/');
}

/** The first element `name` of a part, read only as far as it (a workbook names its sheets first). */
async function firstElements(zip: WorkbookZip, part: string, name: string, enough: (found: Record<string, string>[]) => boolean): Promise<Record<string, string>[]> {
  const found: Record<string, string>[] = [];
  let fresh: Record<string, string>[] = [];
  const handler = {
    open: (element: string, attributes: Record<string, string>) => {
      if (element === name) fresh.push(attributes);
    },
    close: () => undefined,
    text: () => undefined,
  };
  const take = () => {
    const out = fresh;
    fresh = [];
    return out;
  };
  for await (const attributes of parseXmlPart(part, zip.read(part), handler, take)) {
    found.push(attributes);
    if (enough(found)) break;
  }
  return found;
}

/** Where the first worksheet and the shared strings are. */
async function locateParts(zip: WorkbookZip): Promise<{ sheet: string; sharedStrings: string | null }> {
  if (!zip.has(WORKBOOK)) throw refuse('FILE_DAMAGED', { part: WORKBOOK });
  const [first] = await firstElements(zip, WORKBOOK, 'sheet', (found) => found.length > 0);
  if (!zip.has(WORKBOOK_RELS) || !first?.id) return { sheet: 'xl/worksheets/sheet1.xml', sharedStrings: zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : null };
  let sheet: string | null = null;
  let sharedStrings: string | null = null;
  await firstElements(zip, WORKBOOK_RELS, 'Relationship', (found) => {
    const r = found[found.length - 1];
    if (!r?.Target) return false;
    if (r.Id === first.id) sheet = partName(r.Target);
    if (r.Type?.endsWith('/sharedStrings')) sharedStrings = partName(r.Target);
    return sheet !== null && sharedStrings !== null;
  });
  if (!sheet) throw refuse('FILE_DAMAGED', { part: WORKBOOK_RELS });
  return { sheet, sharedStrings };
}

export interface XlsxLimits extends Pick<SpreadsheetLimits, 'sharedStringsMb' | 'cellChars' | 'columns' | 'rows'> {}

export async function* xlsxRows(zip: WorkbookZip, limits: XlsxLimits): AsyncGenerator<RawRow> {
  const { sheet, sharedStrings } = await locateParts(zip);
  if (!zip.has(sheet)) throw refuse('FILE_DAMAGED', { part: sheet });
  const strings = new SharedStrings(limits.sharedStringsMb);
  if (sharedStrings && zip.has(sharedStrings)) await readSharedStrings(zip, sharedStrings, strings, limits);
  yield* sheetRows(zip, sheet, strings, limits);
}
