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

/**
 * Why a whole file was refused (at upload, or as the job's error): the limits of
 * import-limits.ts, each naming the number passed and, where there is one, the row and column.
 * The codes are also error codes of the API (shared/errors.ts).
 */
export const IMPORT_FILE_ERRORS = {
  FILE_TOO_LARGE_UNPACKED: { en: 'unpacked, the file is larger than {max} MB: split it into smaller files', zh: '解压后超过 {max} MB，请拆分成较小的文件' },
  PART_TOO_LARGE_UNPACKED: { en: 'unpacked, one part of the workbook ({part}) is larger than {max} MB: split it into smaller files', zh: '工作簿中的一个部件（{part}）解压后超过 {max} MB，请拆分成较小的文件' },
  FILE_TOO_MANY_PARTS: {
    en: 'the workbook holds more than {max} parts (sheets, pictures, …): copy the data into a new workbook',
    zh: '工作簿包含超过 {max} 个部件（工作表、图片等），请把数据复制到新的工作簿',
  },
  SHARED_STRINGS_TOO_LARGE: { en: 'the texts of the workbook take more than {max} MB: split it into smaller files', zh: '工作簿中的文字超过 {max} MB，请拆分成较小的文件' },
  TEXT_TOO_LONG: { en: 'the workbook holds a text longer than {max} characters, more than a cell can hold', zh: '工作簿中有超过 {max} 个字符的文字，超出单元格的上限' },
  CELL_TOO_LONG: { en: 'row {row}, column {column}: the cell is longer than {max} characters', zh: '第 {row} 行 {column} 列的单元格超过 {max} 个字符' },
  ROW_TOO_LONG: { en: 'row {row} is longer than {max} characters: is the file a table?', zh: '第 {row} 行超过 {max} 个字符，请确认文件是表格' },
  TOO_MANY_COLUMNS: { en: 'row {row} has a value in column {column}: at most {max} columns are read', zh: '第 {row} 行的 {column} 列有内容，最多读取 {max} 列' },
  TOO_MANY_ROWS: { en: 'the file has more than {max} rows: split it into smaller files', zh: '文件超过 {max} 行，请拆分成较小的文件' },
  FILE_DAMAGED: { en: 'the workbook is damaged or not as Excel writes it ({part}): save it again as .xlsx', zh: '工作簿已损坏或不是 Excel 的格式（{part}），请重新另存为 .xlsx' },
  FILE_TOO_COMPLEX: {
    en: 'reading the file took more memory than an import may use ({max} MB): split it into smaller files',
    zh: '读取该文件所需的内存超过导入的上限（{max} MB），请拆分成较小的文件',
  },
} as const satisfies Record<string, Template>;

export type ImportReasonCode = keyof typeof IMPORT_REASONS;
export type ImportFileErrorCode = keyof typeof IMPORT_FILE_ERRORS;
export type ImportReasonParams = Record<string, string | number>;

export function importReasonText(code: string, params: ImportReasonParams | undefined, lang: 'en' | 'zh'): string | null {
  const template = (IMPORT_REASONS as Record<string, Template>)[code] ?? (IMPORT_FILE_ERRORS as Record<string, Template>)[code];
  if (!template) return null;
  return template[lang].replace(/\{(\w+)\}/g, (_m, key: string) => String(params?.[key] ?? ''));
}
