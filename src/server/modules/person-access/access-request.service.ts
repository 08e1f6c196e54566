// A person's access request (查阅复制): a registrar, giving a purpose, produces everything the
// modules hold about the person an ID number finds in the caller's subtree — one sheet (or one
// printed section) per kind of data, each module's `personRecords` — and the request is audited
// against every person record it read. The ID number is looked up by its keyed hash and never
// written to a log, a URL or an error message.
import ExcelJS from 'exceljs';
import type { AccessRequest } from '../../../shared/person-access.ts';
import type { Db } from '../../db/schema.ts';
import type { Actor, ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import type { PersonRecordCell, PersonRecordSection, PersonSubject } from '../../platform/person-records.ts';
import { guardWorkbook } from '../../platform/spreadsheet-cells.ts';
import { personsOfIdNumber } from '../households/households.person-records.ts';
import { idNumberLookupHash } from '../households/person-identity.ts';

export interface AccessDeps {
  ctx: AuditContext;
  actor: Actor;
  crypto: FieldCrypto;
  sections: readonly PersonRecordSection[];
}

export interface FilledSection {
  key: string;
  title: string;
  columns: readonly string[];
  rows: PersonRecordCell[][];
}

export interface AccessAnswer {
  personName: string;
  producedAt: string;
  purpose: string;
  sections: FilledSection[];
}

const notFoundHere = () => new AppError('NOT_FOUND', 'idNumber: no person with this ID number in your region', [{ path: 'idNumber', message: 'no person with this ID number in your region' }]);

/** Finds the person, reads every section, and audits the request (each person record it found). */
export async function produceAccessAnswer(db: Db, deps: AccessDeps, scope: ScopedRegion, input: AccessRequest): Promise<AccessAnswer> {
  const hash = idNumberLookupHash(deps.crypto, input.idNumber);
  if (!hash) throw new AppError('UNPROCESSABLE', 'idNumber: not a valid ID number', [{ path: 'idNumber', message: 'not a valid ID number' }]);
  // Scope by the subtree: a person registered only outside it is answered as not found, not as
  // forbidden, so the request cannot tell whether the person exists elsewhere.
  const persons = await personsOfIdNumber(db, hash, scope.path);
  if (persons.length === 0) throw notFoundHere();
  const subject: PersonSubject = {
    personIds: persons.map((p) => p.id),
    householdIds: [...new Set(persons.flatMap((p) => (p.household_id ? [p.household_id] : [])))],
    idNumberHash: hash,
    phoneHashes: [...new Set(persons.flatMap((p) => (p.phone_hash ? [p.phone_hash] : [])))],
  };
  const sections: FilledSection[] = [];
  for (const section of deps.sections) sections.push({ key: section.key, title: section.title, columns: section.columns, rows: await section.rows(db, subject, deps.crypto) });
  // The audit entries come after the reads: this request shows in the next one's 查阅记录, not in its own.
  for (const p of persons) {
    await audit(db, deps.ctx, { action: 'access_request', entity: 'person', entityId: p.id, regionId: p.region_id, purpose: input.purpose, details: { format: input.format, rows: sections.reduce((n, s) => n + s.rows.length, 0) } });
  }
  return { personName: persons[0]?.name ?? '', producedAt: nowIso(), purpose: input.purpose, sections };
}

/** One sheet of who, when and why first, then one per kind of data (empty kinds keep their headers: "none held"). */
export async function accessWorkbook(answer: AccessAnswer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const cover = workbook.addWorksheet('说明');
  cover.addRows([
    ['个人信息查阅复制', answer.personName],
    ['生成时间', answer.producedAt],
    ['用途', answer.purpose],
    ['说明', '本文件列出本系统在您所在辖区保存的关于您的全部个人信息，每类一张工作表；没有记录的类别只有表头。'],
  ]);
  cover.getColumn(1).width = 16;
  cover.getColumn(2).width = 60;
  for (const section of answer.sections) {
    const sheet = workbook.addWorksheet(section.title.slice(0, 31));
    sheet.addRow([...section.columns]).font = { bold: true };
    for (const row of section.rows) sheet.addRow(row);
    section.columns.forEach((_, i) => (sheet.getColumn(i + 1).width = 16));
  }
  guardWorkbook(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const escapeHtml = (v: PersonRecordCell): string =>
  v === null ? '' : String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The same content as a page to print: the staff's browser prints it (or saves it as PDF from its
 * print dialog) with the fonts it already has. A server-made PDF would need a CJK font shipped
 * with the server (tens of MB); see README.
 */
export function accessPage(answer: AccessAnswer): string {
  const sections = answer.sections
    .map((s) => {
      const head = `<tr>${s.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
      const body = s.rows.length ? s.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${s.columns.length}">无记录</td></tr>`;
      return `<section id="${s.key}"><h2>${escapeHtml(s.title)}</h2><table>${head}${body}</table></section>`;
    })
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>个人信息查阅复制</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;font-size:12px}h1{font-size:18px}h2{font-size:14px;margin-top:20px}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top;word-break:break-all}th{background:#eee}
@media print{body{margin:0}section{break-inside:auto}tr{break-inside:avoid}}</style></head><body>
<h1>个人信息查阅复制：${escapeHtml(answer.personName)}</h1><p>生成时间：${escapeHtml(answer.producedAt)}　用途：${escapeHtml(answer.purpose)}</p>
${sections}
</body></html>`;
}
