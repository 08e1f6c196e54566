// Why an imported row was refused, in both languages: the API answers in English with a code,
// the web shows the code in the user's language, the rejected-rows spreadsheet in Chinese.
// No Node or DOM imports.

type Template = { en: string; zh: string };
export const IMPORT_REASONS = {
  required: { en: 'is empty: it is required', zh: '不能为空' },
  too_long: { en: 'is longer than {max} characters', zh: '超过 {max} 个字符' },
  empty: { en: 'the ID number is empty', zh: '身份证号为空' },
  old_not_digits: { en: 'a 15-digit ID number has digits only', zh: '15 位旧身份证号只能是数字' },
  length: { en: 'an ID number has 18 characters (or 15 digits for an old one), this has {length}', zh: '身份证号应为 18 位（旧证 15 位），此处为 {length} 位' },
  format: { en: 'an ID number has 17 digits followed by a digit or X', zh: '身份证号应为 17 位数字加 1 位数字或 X' },
  birth_date: { en: 'the birth date in the ID number (characters 7–14) is not a real calendar date', zh: '身份证号中的出生日期（第 7–14 位）不是真实日期' },
  birth_before_1900: { en: 'the birth date in the ID number is before 1900', zh: '身份证号中的出生日期早于 1900 年' },
  birth_future: { en: 'the birth date in the ID number is in the future', zh: '身份证号中的出生日期晚于今天' },
  check_digit: { en: 'the check digit (last character) of the ID number is wrong: a character was probably mistyped', zh: '身份证号校验位（最后一位）不符，可能有字符输错' },
  lost_digits: {
    en: 'was stored by Excel as a number ({shown}) and has lost digits: format the column as text and type it again',
    zh: '被 Excel 存成了数字（{shown}），已丢失位数：请把该列设为文本格式后重新录入',
  },
  mobile_digits: { en: 'a mobile number has digits only', zh: '手机号只能是数字' },
  mobile_length: { en: 'a mobile number has 11 digits, this has {length}', zh: '手机号应为 11 位，此处为 {length} 位' },
  mobile_prefix: { en: 'a mainland mobile number starts with 13–19', zh: '大陆手机号以 13–19 开头' },
  category: { en: 'must be one of {allowed}', zh: '应为以下之一：{allowed}' },
  travel_mode: { en: 'must be one of {allowed}', zh: '应为以下之一：{allowed}' },
  dwelling_relation: { en: 'must be one of {allowed}', zh: '应为以下之一：{allowed}' },
  yes_no: { en: 'must be yes or no (是/否)', zh: '应填“是”或“否”' },
  date: { en: 'is not a date: write it as 2026-11-03', zh: '不是有效日期，请写成 2026-11-03' },
  date_future: { en: 'is in the future', zh: '不能晚于今天' },
  key_person_reason: { en: 'a key person needs a reason', zh: '重点人员须填写原因' },
  returnee_needs: { en: 'a returnee needs where from and when', zh: '返乡人员须填写来源地和到达日期' },
  region_unknown: { en: 'no region has this code', zh: '没有此区域代码' },
  region_outside: { en: 'the region is outside your area', zh: '该区域不在您的辖区内' },
  region_not_grid: { en: 'people live in a grid or micro-grid: give a grid code', zh: '人员须登记在网格或微网格，请填写网格代码' },
  region_missing: { en: 'give the grid code: the import is not for one grid', zh: '请填写网格代码：本次导入未指定网格' },
  duplicate_in_file: { en: 'the same ID number as row {row}', zh: '与第 {row} 行身份证号重复' },
  already_registered: { en: 'this ID number is already registered', zh: '该身份证号已登记' },
  already_registered_elsewhere: { en: 'this ID number is already registered in another region', zh: '该身份证号已在其他辖区登记' },
} as const satisfies Record<string, Template>;

export type ImportReasonCode = keyof typeof IMPORT_REASONS;
export type ImportReasonParams = Record<string, string | number>;

export function importReasonText(code: string, params: ImportReasonParams | undefined, lang: 'en' | 'zh'): string | null {
  const template = (IMPORT_REASONS as Record<string, Template>)[code];
  if (!template) return null;
  return template[lang].replace(/\{(\w+)\}/g, (_m, key: string) => String(params?.[key] ?? ''));
}
