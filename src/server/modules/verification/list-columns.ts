// The columns of a verification list as upper levels send them: each GridGuard field under the
// names such lists use, a suggested mapping from a file's headers, and a row read through a
// mapping. Lists come in any column order with columns GridGuard does not read (序号, 推送批次…):
// those are kept for the feedback workbook, never dropped.
import { LIST_FIELDS, type ListField, type ListMapping } from '../../../shared/verification.ts';
import { headerKey } from '../imports/sheet.ts';
import type { Cell } from '../imports/sheet.ts';

export const LIST_FIELD_HEADERS: Record<ListField, readonly string[]> = {
  name: ['姓名', '人员姓名', '名字', 'name'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证', 'id number', 'idnumber'],
  phone: ['手机号', '手机号码', '联系电话', '电话', '联系方式', 'phone', 'mobile'],
  address: ['现住址', '居住地址', '现居住地址', '住址', '地址', '详细地址', 'address'],
  origin: ['来源地', '来自', '出发地', '途经地', '从何地来', 'origin'],
  arrivedOn: ['到达日期', '抵达日期', '到达时间', '抵达时间', '返回日期', 'arrived on', 'arrival date'],
  travel: ['车次', '航班', '车次/航班', '航班号', '车次航班', '交通工具', '车牌号', 'travel'],
  note: ['备注', '说明', 'note', 'remark'],
};

/** The fields whose column makes a list usable: at least one must be found. */
export const KEY_FIELDS: readonly ListField[] = ['idNumber', 'name'];

/** The suggested mapping of a file's headers: the first header matching each field's names. */
export function suggestMapping(headers: readonly string[]): ListMapping {
  const mapping: ListMapping = {};
  const taken = new Set<string>();
  for (const field of LIST_FIELDS) {
    const names = LIST_FIELD_HEADERS[field].map(headerKey);
    const found = headers.find((h) => !taken.has(h) && names.includes(headerKey(h)));
    if (found !== undefined) {
      mapping[field] = found;
      taken.add(found);
    }
  }
  return mapping;
}

/** A remembered mapping still fits a file when every header it names is in the file. */
export const mappingFits = (mapping: ListMapping, headers: readonly string[]): boolean =>
  Object.values(mapping).every((h) => h !== undefined && headers.includes(h));

export const hasKeyColumn = (mapping: ListMapping): boolean => KEY_FIELDS.some((f) => mapping[f] !== undefined);

/** The refusal's sentence: no ID-number or name column, and the columns the file has. */
export const noKeyColumnMessage = (headers: readonly string[]) =>
  `the file has no ID-number or name column (such as 身份证号 or 姓名); the columns found: ${headers.length ? headers.join(', ') : 'none'}`;

/** The header row as texts by column (index 0 = column A); empty headers become "列N". */
export function headersOf(values: readonly Cell[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    out.push(v === null || v === undefined || String(v).trim() === '' ? `列${i}` : String(v).trim());
  }
  return out;
}

/** A row's cells as texts, one per header (index 0 = column A). */
export function cellTexts(values: readonly Cell[], width: number): string[] {
  const out: string[] = new Array(width);
  for (let i = 0; i < width; i++) {
    const v = values[i + 1];
    out[i] = v === null || v === undefined ? '' : String(v).trim();
  }
  return out;
}

/** Each field's column index under `mapping`. */
export function columnIndexes(mapping: ListMapping, headers: readonly string[]): Partial<Record<ListField, number>> {
  const out: Partial<Record<ListField, number>> = {};
  for (const field of LIST_FIELDS) {
    const header = mapping[field];
    if (header === undefined) continue;
    const i = headers.indexOf(header);
    if (i >= 0) out[field] = i;
  }
  return out;
}
