// The columns of the people import: the header names people actually use (Chinese or English,
// found in any order), and the template built from them.
import ExcelJS from 'exceljs';
import { CATEGORY_LABELS_ZH, DWELLING_RELATION_LABELS_ZH, TRAVEL_MODE_LABELS_ZH } from '../../../shared/labels.ts';
import { guardWorkbook } from '../../platform/spreadsheet-cells.ts';

export const PERSON_IMPORT_HEADERS = {
  regionCode: ['网格代码', '区域代码', '所属网格代码', '网格编码', 'region code', 'regioncode', 'grid code'],
  address: ['地址', '住址', '现住址', '居住地址', '现居住地址', 'address'],
  building: ['楼栋', '楼号', '幢', 'building'],
  unit: ['单元', 'unit'],
  room: ['房号', '室', '门牌号', '房间号', 'room'],
  isRental: ['是否出租', '出租房', '出租', 'rental', 'is rental', 'isrental'],
  landlordName: ['房东姓名', '房主姓名', '房东', 'landlord', 'landlord name', 'landlordname'],
  landlordPhone: ['房东电话', '房东联系电话', '房主电话', 'landlord phone', 'landlordphone'],
  name: ['姓名', 'name'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', 'id number', 'idnumber'],
  phone: ['手机号', '手机号码', '联系电话', '电话', 'phone', 'mobile'],
  category: ['人员类别', '类别', '人员类型', 'category'],
  origin: ['来源地', '户籍地', '从何地来', '来自', 'origin'],
  arrivedOn: ['到达日期', '抵达日期', '来(返)日期', '返回日期', 'arrived on', 'arrivedon', 'arrival date'],
  travelMode: ['交通方式', '出行方式', 'travel mode', 'travelmode'],
  employer: ['工作单位', '务工单位', '单位', 'employer'],
  dwellingRelation: ['居住关系', '与住所关系', '与户主关系', 'dwelling relation', 'dwellingrelation'],
  keyPerson: ['重点人员', '是否重点人员', 'key person', 'keyperson'],
  keyPersonReason: ['重点人员原因', '列为重点原因', '重点原因', 'key person reason', 'keypersonreason'],
} as const;
export type PersonImportField = keyof typeof PERSON_IMPORT_HEADERS;
export const PERSON_IMPORT_REQUIRED: readonly PersonImportField[] = ['name', 'address', 'category'];

const NOTES: [string, string][] = [
  ['列', '说明'],
  ['网格代码', '人员所在网格或微网格的区域代码。可不填：不填时使用导入时选择的网格。请把该列设为“文本”格式。'],
  ['地址', '必填。同一网格内地址、楼栋、单元、房号都相同的行归为同一户；系统中已有的同一住址会合并到该户。'],
  ['是否出租', '填“是”或“否”，不填为否。出租房可填房东姓名和房东电话。'],
  ['姓名', '必填，最多 50 个字。'],
  ['身份证号', '18 位居民身份证号，末位可为 X（小写 x 也可）；15 位旧号码会自动转换。请把该列设为“文本”格式，否则 Excel 会把号码变成科学计数法而丢失位数，这样的号码会被拒绝。同一身份证号在全县只能登记一次。'],
  ['手机号', '11 位大陆手机号，可带 +86、空格或横线。'],
  ['人员类别', `必填：${Object.values(CATEGORY_LABELS_ZH).join('、')}。`],
  ['来源地、到达日期', '返乡人员必填。日期写成 2026-11-03、2026/11/3 或 2026年11月3日。'],
  ['交通方式', Object.values(TRAVEL_MODE_LABELS_ZH).join('、')],
  ['居住关系', Object.values(DWELLING_RELATION_LABELS_ZH).join('、')],
  ['重点人员', '填“是”时须填写重点人员原因。'],
  ['导入方式', '“全部或不导入”：任一行有错则整表不导入；“仅导入正确行”：正确的行导入，错误的行可下载为表格，改正后再导入。'],
  ['', '第 1 行为表头，列的顺序不限，不需要的列可以删除；空行会被忽略。支持 .xlsx 和 .csv（UTF-8 或 GBK/GB18030 编码）。'],
];

const TEMPLATE_COLUMNS: { field: PersonImportField; width: number; text?: boolean }[] = [
  { field: 'regionCode', width: 18, text: true },
  { field: 'address', width: 28 },
  { field: 'building', width: 8 },
  { field: 'unit', width: 8 },
  { field: 'room', width: 8 },
  { field: 'isRental', width: 10 },
  { field: 'landlordName', width: 10 },
  { field: 'landlordPhone', width: 14, text: true },
  { field: 'name', width: 10 },
  { field: 'idNumber', width: 22, text: true },
  { field: 'phone', width: 14, text: true },
  { field: 'category', width: 12 },
  { field: 'origin', width: 16 },
  { field: 'arrivedOn', width: 12 },
  { field: 'travelMode', width: 10 },
  { field: 'employer', width: 18 },
  { field: 'dwellingRelation', width: 10 },
  { field: 'keyPerson', width: 10 },
  { field: 'keyPersonReason', width: 20 },
];
export const TEMPLATE_HEADERS = TEMPLATE_COLUMNS.map((c) => PERSON_IMPORT_HEADERS[c.field][0]);

export async function personImportTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet('人员');
  data.columns = TEMPLATE_COLUMNS.map((c) => ({ header: PERSON_IMPORT_HEADERS[c.field][0], key: c.field, width: c.width, ...(c.text ? { style: { numFmt: '@' } } : {}) }));
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = workbook.addWorksheet('说明');
  notes.columns = [{ width: 16 }, { width: 100 }];
  for (const line of NOTES) notes.addRow(line);
  notes.getRow(1).font = { bold: true };
  guardWorkbook(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
