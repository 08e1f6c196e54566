// The .xlsx reader on its own: parts found through the workbook's relationships, cells read as
// Excel shows them, column letters past XFD never allocated, and a part that is not XML refused
// at its first byte rather than parsed to its end.
import { describe, expect, it } from 'vitest';
import { inlineRow, part, sharedStringsBomb, storedPart, workbookParts, zip } from '../../../../test/support/bombs.ts';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';
import { ImportRefusal } from './import-refusal.ts';
import type { RawRow } from './sheet.ts';
import { WorkbookZip } from './workbook-zip.ts';
import { columnOfReference } from './xlsx-sheet.ts';
import { partName, xlsxRows } from './xlsx-rows.ts';

async function rowsOf(file: Buffer): Promise<RawRow[]> {
  const book = await WorkbookZip.fromBuffer(file, IMPORT_LIMITS.persons);
  try {
    const rows: RawRow[] = [];
    for await (const row of xlsxRows(book, IMPORT_LIMITS.persons)) rows.push(row);
    return rows;
  } finally {
    book.close();
  }
}

describe('xlsx reader', () => {
  it('resolves relationship targets and column letters', () => {
    expect(partName('worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(partName('/xl/worksheets/sheet2.xml')).toBe('xl/worksheets/sheet2.xml');
    expect(partName('../xl/./sharedStrings.xml')).toBe('xl/sharedStrings.xml');
    expect(columnOfReference('A1')).toBe(1);
    expect(columnOfReference('XFD1048576')).toBe(16_384);
    expect(columnOfReference('XFE1')).toBe(Number.POSITIVE_INFINITY);
    expect(columnOfReference('AAAAAAA1')).toBe(Number.POSITIVE_INFINITY);
  });

  it('reads shared, inline, rich, numeric, boolean and formula cells, phonetic guides left out', async () => {
    const strings = '<si><t>张三</t></si><si><r><t>东村</t></r><r><t>幸福路</t></r><rPh sb="0" eb="1"><t>ドン</t></rPh></si>';
    const sheet = `<sheetData>${inlineRow(1, ['a', 'b'])}<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>42</v></c><c r="D2" t="b"><v>1</v></c><c r="E2" t="str"><f>A1</f><v>结果</v></c><c r="F2" s="3"/></row></sheetData>`;
    const rows = await rowsOf(zip(workbookParts(sheet, strings)));
    expect(rows[1]?.row).toBe(2);
    // Column by number (A = 1); the empty styled cell at F adds nothing.
    expect(rows[1]?.values.slice(1)).toEqual(['张三', '东村幸福路', 42, 'TRUE', '结果']);
  });

  it('refuses a part that is not XML at its first bytes, not after reading it all', async () => {
    const file = zip(workbookParts(storedPart('xl/worksheets/sheet1.xml', sharedStringsBomb(1, 1_500))));
    const started = performance.now();
    const refusal = await rowsOf(file).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(ImportRefusal);
    expect((refusal as ImportRefusal).reason).toBe('FILE_DAMAGED');
    // sax made an Error for each bad character of a 1.5 MB part: 8 s; stopped at the first, milliseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('refuses a DOCTYPE even without entities', async () => {
    const refusal = await rowsOf(zip(workbookParts('<sheetData/>', part('xl/sharedStrings.xml', '<?xml version="1.0"?><!DOCTYPE sst><sst/>')))).catch((err: unknown) => err);
    expect((refusal as ImportRefusal).params).toEqual({ part: 'xl/sharedStrings.xml: DOCTYPE' });
  });
});
