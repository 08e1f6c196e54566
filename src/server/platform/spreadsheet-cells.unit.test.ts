// Formula-like text in a workbook: kept as written, stored as a string cell formatted as Text;
// numbers and other text untouched; the CSV form behind a quote.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXTS, expectFormulaSafe, openXlsx } from '../../../test/support/xlsx.ts';
import { csvField, guardRow, guardWorkbook, isFormulaLike } from './spreadsheet-cells.ts';

const hostile = Object.values(HOSTILE_TEXTS);
const row = [...hostile, -5, '张三', '1-2', 0] as const;

async function streamed(values: readonly unknown[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('名单');
  const added = sheet.addRow([...values]);
  added.font = { bold: true };
  guardRow(added).commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}

describe('isFormulaLike', () => {
  it('is text starting with = + - @, a tab or a carriage return, and nothing else', () => {
    for (const text of hostile) expect(isFormulaLike(text), JSON.stringify(text)).toBe(true);
    for (const text of ['张三', '1-2', ' =1', '13800000000', '', '\n=1']) expect(isFormulaLike(text), JSON.stringify(text)).toBe(false);
  });
});

describe('guardRow', () => {
  it('writes formula-like text unchanged as a Text-formatted inline string, never a formula', async () => {
    const file = await openXlsx(await streamed(row));
    expect(expectFormulaSafe(file, hostile)).toHaveLength(hostile.length);
    const cells = file.book.getWorksheet('名单')?.getRow(1);
    // As written (an XML reader reads the carriage return as a line feed).
    hostile.forEach((text, i) => expect(cells?.getCell(i + 1).text).toBe(text.replace('\r', '\n')));
    // The row's own style (bold) is kept.
    expect(cells?.getCell(1).font?.bold).toBe(true);
  });

  it('leaves numbers (negative ones too) and other text as they are', async () => {
    const file = await openXlsx(await streamed(row));
    const cells = file.book.getWorksheet('名单')?.getRow(1);
    const minusFive = cells?.getCell(hostile.length + 1);
    expect([minusFive?.type, minusFive?.value, minusFive?.numFmt]).toEqual([ExcelJS.ValueType.Number, -5, undefined]);
    const name = cells?.getCell(hostile.length + 2);
    expect([name?.type, name?.value, name?.numFmt]).toEqual([ExcelJS.ValueType.String, '张三', undefined]);
    expect(cells?.getCell(hostile.length + 3).value).toBe('1-2');
  });

  it('does the same in a workbook built in memory (shared strings), merged title included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('汇总');
    sheet.getCell(1, 1).value = `${HOSTILE_TEXTS.hyperlink}汇总表`;
    sheet.mergeCells(1, 1, 1, 3);
    sheet.addRow([1, HOSTILE_TEXTS.dde, -7]);
    guardWorkbook(workbook);
    const file = await openXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(expectFormulaSafe(file, [HOSTILE_TEXTS.hyperlink, HOSTILE_TEXTS.dde])).toHaveLength(2);
    expect(file.book.getWorksheet('汇总')?.getCell('C2').value).toBe(-7);
  });
});

describe('csvField', () => {
  it('puts formula-like text behind a single quote and leaves the rest', () => {
    for (const text of hostile) expect(csvField(text)).toBe(`'${text}`);
    expect(csvField('张三')).toBe('张三');
    expect(csvField('-')).toBe("'-");
  });
});
