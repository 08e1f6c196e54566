// Text in the spreadsheets GridGuard writes that a spreadsheet program could run as a formula
// ("CSV injection", OWASP): a person named =HYPERLINK("http://…"&A1) or an address
// +cmd|' /C calc'!A0 must reach whoever opens the export as the text it is. Every writer passes
// its rows through here, so the rule is the same in every workbook.
import type ExcelJS from 'exceljs';

/** What OWASP lists as starting a formula: = + - @, a tab or a carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;

export const isFormulaLike = (text: string): boolean => FORMULA_START.test(text);

/**
 * Makes every formula-like text cell of the row text for good, leaving its text as it is (a
 * refused-rows workbook goes back into the import, where an added quote would become part of a
 * name; an exported "+86 138…" stays the number as written):
 * - written as an inline string: exceljs's streaming writer writes other text as a
 *   formula-result cell (`t="str"`), which only the absence of a formula keeps from being one;
 * - formatted as Text (`@`): Excel, WPS and LibreOffice keep what is typed into a Text cell as
 *   text, so someone editing the cell does not turn it into a formula (what Excel's own
 *   quotePrefix does, which exceljs cannot write).
 * Numbers stay numbers: -5 is a number cell, "-2+3" a text one.
 */
export function guardRow(row: ExcelJS.Row): ExcelJS.Row {
  row.eachCell((cell) => {
    if (typeof cell.value !== 'string' || !isFormulaLike(cell.value)) return;
    cell.value = { richText: [{ text: cell.value }] };
    cell.numFmt = '@';
  });
  return row;
}

/** guardRow for every row of a workbook built in memory, before it is written. */
export function guardWorkbook(workbook: ExcelJS.Workbook): void {
  workbook.eachSheet((sheet) => sheet.eachRow((row) => guardRow(row)));
}

/**
 * A CSV field's text as OWASP has it: formula-like text behind a single quote, which spreadsheet
 * programs show as text (quoting the field is the CSV writer's part). GridGuard writes no CSV
 * today; a CSV export uses this.
 */
export const csvField = (text: string): string => (isFormulaLike(text) ? `'${text}` : text);
