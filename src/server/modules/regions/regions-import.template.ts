// The territory import template: the data sheet first (headers in row 1, one sample row),
// notes on a second sheet so nothing but data sits on the sheet that is read.
import ExcelJS from 'exceljs';
import { guardWorkbook } from '../../platform/spreadsheet-cells.ts';

const NOTES = [
  ['列', '说明 (what to fill in)'],
  ['代码', '区域代码，6–20 位数字：镇/乡/街道 9 位，村/社区 12 位，网格、微网格在村代码后续编。请把该列设为“文本”格式，否则 Excel 会把长代码变成科学计数法而丢失数字。'],
  ['名称', '区域名称，最多 100 个字。代码已存在时按此更新名称。'],
  ['级别', '县、镇、乡、街道、村、社区、网格、微网格（或 county, town, village, grid, microgrid）。'],
  ['上级代码', '上级区域的代码：可以是系统中已有的区域，也可以是本表中任意一行（顺序不限）。只能导入到本账号所属区域之内。'],
  ['导入方式', '“全部或不导入”（默认）：任一行有错则整表不导入；“仅导入正确行”：正确的行导入，错误行列出行号、列和原因。'],
  ['', '第 1 行为表头，列的顺序不限；空行会被忽略。示例行请替换为实际数据。'],
];

export async function regionImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet('区域');
  data.columns = [
    { header: '代码', key: 'code', width: 22, style: { numFmt: '@' } },
    { header: '名称', key: 'name', width: 24 },
    { header: '级别', key: 'level', width: 10 },
    { header: '上级代码', key: 'parent', width: 22, style: { numFmt: '@' } },
  ];
  data.getRow(1).font = { bold: true };
  data.addRow({ code: '339901001001', name: '东村', level: '村', parent: '339901001' });
  const notes = workbook.addWorksheet('说明');
  notes.columns = [{ width: 12 }, { width: 100 }];
  for (const line of NOTES) notes.addRow(line);
  notes.getRow(1).font = { bold: true };
  guardWorkbook(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
