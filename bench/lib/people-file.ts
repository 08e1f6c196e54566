// Invented people for the import benchmark, written as the spreadsheets offices send: a CSV
// (UTF-8) and an .xlsx with shared strings, as Excel and WPS write them. Three people a
// dwelling; every ID number valid and unique (birth date × sequence), none a real person's
// (area code 339901 does not exist).
import fs from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { idNumberCheckDigit } from '../../src/shared/id-number.ts';

export const HEADER = ['地址', '楼栋', '单元', '房号', '姓名', '身份证号', '手机号', '人员类别', '来源地', '到达日期', '工作单位'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';
const CATEGORIES = ['常住人口', '常住人口', '常住人口', '流动人口', '外来务工人员', '租户'];

export function personRow(i: number): string[] {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `339901${day}${String(i % 1000).padStart(3, '0')}`;
  const dwelling = Math.floor(i / 3);
  const category = CATEGORIES[i % CATEGORIES.length] ?? '常住人口';
  const floating = category !== '常住人口';
  return [
    `示范镇幸福路${Math.floor(dwelling / 200) + 1}号院`,
    String((dwelling % 200) % 10 + 1),
    String(Math.floor((dwelling % 200) / 10) % 4 + 1),
    String(100 + (dwelling % 50)),
    `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i % 3 === 0 ? GIVEN[(i * 13) % GIVEN.length] : ''}`,
    `${first17}${idNumberCheckDigit(first17)}`,
    `139${String(10_000_000 + (i % 90_000_000)).slice(-8)}`,
    category,
    floating ? '湖北省武汉市' : '',
    floating ? '2026-10-15' : '',
    floating ? '示范县工业园' : '',
  ];
}

export async function writeCsv(file: string, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${HEADER.join(',')}\r\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${personRow(i).join(',')}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function writeXlsx(file: string, rows: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('人员');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) {
    sheet.addRow(personRow(i)).commit();
    if (i % 10_000 === 0) await new Promise((r) => setImmediate(r));
  }
  sheet.commit();
  await workbook.commit();
}
