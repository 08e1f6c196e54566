// The streamed one-sheet workbook (xlsx-stream.ts): what a spreadsheet program reads back is what
// was written (text, numbers, empty cells, Chinese, XML's special characters), formula-like text
// stays text, characters XML cannot hold do not break the file, and a client that does not read
// holds the writer back instead of filling the server's memory.
import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXTS as H, expectFormulaSafe, firstSheetRows, openXlsx } from '../../../test/support/xlsx.ts';
import { XlsxSheetStream, columnLetters } from './xlsx-stream.ts';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const columns = [
  { header: '姓名', width: 10 },
  { header: '在住人数', width: 8 },
  { header: '备注', width: 20 },
];

describe('XlsxSheetStream', () => {
  it('writes a workbook exceljs reads back cell for cell', async () => {
    const sheet = new XlsxSheetStream({ sheetName: '住户名单', columns });
    const body = bytesOf(sheet.stream);
    await sheet.addRows([
      ['张三', 3, 'a < b & c > "d"'],
      ['李四', null, ''],
      [' 前后空格 ', -5, '第一行\n第二行'],
    ]);
    await sheet.addRows([['王五', 2.5, undefined]]);
    await sheet.finish();
    expect(sheet.rows).toBe(4);
    const { name, rows } = await firstSheetRows(await body);
    expect(name).toBe('住户名单');
    expect(rows).toEqual([
      ['姓名', '在住人数', '备注'],
      ['张三', 3, 'a < b & c > "d"'],
      ['李四'],
      [' 前后空格 ', -5, '第一行\n第二行'],
      ['王五', 2.5],
    ]);
  });

  it('makes the header bold, sets the widths and cuts the sheet name to 31 characters', async () => {
    const sheet = new XlsxSheetStream({ sheetName: '很'.repeat(40), columns });
    const body = bytesOf(sheet.stream);
    await sheet.finish();
    const { book } = await openXlsx(await body);
    const ws = book.worksheets[0];
    expect(ws?.name).toBe('很'.repeat(31));
    expect(ws?.getCell('A1').font?.bold).toBe(true);
    expect(ws?.getColumn(3).width).toBe(20);
  });

  it('keeps formula-like text as Text in inline-string cells, and numbers as numbers', async () => {
    const sheet = new XlsxSheetStream({ sheetName: 'x', columns });
    const body = bytesOf(sheet.stream);
    const planted = Object.values(H);
    await sheet.addRows(planted.map((text, i) => [text, i - 3, `备注${i}`]));
    await sheet.finish();
    const file = await openXlsx(await body);
    expectFormulaSafe(file, planted);
    expect(file.book.worksheets[0]?.getCell('B2').value).toBe(-3);
    expect(file.book.worksheets[0]?.getCell('B2').numFmt ?? 'General').not.toBe('@');
  });

  it('drops characters XML cannot hold and leaves NaN empty, so the file still opens', async () => {
    const sheet = new XlsxSheetStream({ sheetName: 'x', columns });
    const body = bytesOf(sheet.stream);
    await sheet.addRows([['王\u0000五\u0007', Number.NaN, '\uffff好']]);
    await sheet.finish();
    expect((await firstSheetRows(await body)).rows[1]).toEqual(['王五', undefined, '好']);
  });

  it('names columns past Z as spreadsheets do', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it('waits for a client that does not read instead of buffering every row', async () => {
    const sheet = new XlsxSheetStream({ sheetName: 'x', columns });
    // Rows of random text compress badly, so the bytes reach the client's buffer quickly.
    const batch = () => Array.from({ length: 500 }, () => [randomBytes(96).toString('base64'), 1, randomBytes(24).toString('base64')]);
    let batches = 0;
    let pending: Promise<void> | null = null;
    // Nobody reads the stream: writing stops within a bounded number of batches.
    for (; batches < 400 && !pending; batches++) {
      const written = sheet.addRows(batch());
      // A batch is compressed on zlib's threads; one that has not gone through in 2 s waits for the client.
      const stalled = await Promise.race([written.then(() => false), sleep(2000).then(() => true)]);
      if (stalled) pending = written;
    }
    expect(pending).not.toBeNull();
    // The client’s buffer is full (1 MB each side of the pass-through), and no more: ~110 KB of XML a batch: a few MB held (the buffers and zlib’s), not the 400 batches offered.
    expect(sheet.stream.readableLength).toBeGreaterThanOrEqual(1 << 20);
    expect(sheet.stream.readableLength + sheet.stream.writableLength).toBeLessThan(3 << 20);
    expect(batches).toBeLessThan(50);
    // The client reads again: the waiting batch goes through.
    const body = bytesOf(sheet.stream);
    await pending;
    await sheet.finish();
    expect((await firstSheetRows(await body)).rows).toHaveLength(batches * 500 + 1);
  });

  it('rejects the writer once the client has gone', async () => {
    const sheet = new XlsxSheetStream({ sheetName: 'x', columns });
    sheet.stream.destroy();
    await tick();
    await expect(sheet.addRows([['a', 1, 'b']])).rejects.toThrow(/went away/);
    await expect(sheet.finish()).rejects.toThrow(/went away/);
  });
});
