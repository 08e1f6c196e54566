// Answering a list back up: its progress per child region, and the feedback workbook — the
// upper level's own rows in their own order and columns, with GridGuard's outcome, region,
// checked-at and note added. ID and phone columns are masked unless the downloader reveals
// with a purpose; the download is audited either way.
import ExcelJS from 'exceljs';
import type { ListMapping, ListProgressRow } from '../../../shared/verification.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { type FieldCrypto, maskIdNumber, maskPhone } from '../../platform/crypto.ts';
import type { RevealGrant } from '../../platform/reveal.ts';
import { guardRow } from '../../platform/spreadsheet-cells.ts';
import { childRegions, regionNames } from '../regions/regions.queries.ts';
import { readCounters } from '../stats/counters.ts';
import { type ListCounts, addCounts, emptyCounts, listCountsOf, listMetricPrefix, subtractCounts } from './task-counters.ts';
import * as q from './verification.queries.ts';
import type { VerificationListsTable } from './verification.tables.ts';

/**
 * Per child region of `scope` (and the region itself when tasks wait in its pool), from the
 * list's counters: a row per region, whatever the number of tasks.
 */
export async function listProgress(db: Db, list: VerificationListsTable, scope: ScopedRegion): Promise<ListProgressRow[]> {
  const children = await childRegions(db, scope.id, ['id', 'name']);
  const counters = await readCounters(db, [scope.id, ...children.map((c) => c.id)], listMetricPrefix(list.id));
  const countsOf = (id: number) => listCountsOf(counters.get(id) ?? {}, list.id);
  // Every task of the list is due at the list's deadline: past it, each open task is overdue.
  const late = Date.parse(new Date(list.due_at).toISOString()) < Date.now();
  const rowOf = (regionId: number, name: string, c: ListCounts): ListProgressRow => ({
    regionId,
    name,
    total: c.total,
    checked: c.statuses.checked + c.statuses.accepted,
    accepted: c.statuses.accepted,
    overdue: late ? c.statuses.open + c.statuses.sent_back : 0,
    outcomes: c.outcomes,
  });
  const rows = children.map((c) => rowOf(c.id, c.name, countsOf(c.id)));
  const own = subtractCounts(countsOf(scope.id), children.reduce((sum, c) => addCounts(sum, countsOf(c.id)), emptyCounts()));
  if (own.total > 0) rows.push(rowOf(scope.id, (await regionNames(db, [scope.id])).get(scope.id) ?? '', own));
  return rows;
}

const OUTCOME_ZH: Record<string, string> = {
  present_controlled: '在本地已管控',
  present_uncontrolled: '在本地未管控',
  left: '已离开',
  not_found: '查无此人',
  wrong_info: '信息有误',
  duplicate: '重复',
};
const STATUS_ZH: Record<string, string> = { open: '待核查', checked: '已核查待审核', accepted: '已审核', sent_back: '已退回' };
const ADDED = ['任务编号', '核查状态', '核查结果', '核查区域', '核查时间', '核查说明'];
const PAGE = 2_000;

export async function feedbackWorkbook(db: Db, crypto: FieldCrypto, ctx: AuditContext, list: VerificationListsTable, grant: RevealGrant, timeZone: string): Promise<Buffer> {
  const headers = JSON.parse(list.headers ?? '[]') as string[];
  const mapping = JSON.parse(list.mapping ?? '{}') as ListMapping;
  const idAt = mapping.idNumber ? headers.indexOf(mapping.idNumber) : -1;
  const phoneAt = mapping.phone ? headers.indexOf(mapping.phone) : -1;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('核查反馈');
  guardRow(sheet.addRow([...headers, ...ADDED])).font = { bold: true };
  const when = new Intl.DateTimeFormat('zh-CN', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false });
  let after = 0;
  let rows = 0;
  for (;;) {
    const page = await q.feedbackRows(db, list.id, after, PAGE);
    if (page.length === 0) break;
    const names = await regionNames(db, [...new Set(page.map((r) => r.region_id).filter((id): id is number => id !== null))]);
    for (const r of page) {
      const cells = JSON.parse(crypto.decrypt(r.cells_enc)) as string[];
      if (!grant.reveal) {
        if (idAt >= 0 && cells[idAt]) cells[idAt] = maskIdNumber(cells[idAt]);
        if (phoneAt >= 0 && cells[phoneAt]) cells[phoneAt] = maskPhone(cells[phoneAt]);
      }
      const note = [r.outcome_note, r.moved_to && r.outcome === 'left' ? `去向：${r.moved_to}` : null].filter(Boolean).join('；');
      guardRow(
        sheet.addRow([
          ...headers.map((_h, i) => cells[i] ?? ''),
          r.number ?? '',
          r.status ? (STATUS_ZH[r.status] ?? r.status) : '无法核查（无姓名和身份证号）',
          r.outcome ? (OUTCOME_ZH[r.outcome] ?? r.outcome) : '',
          r.region_id !== null ? (names.get(r.region_id) ?? '') : '',
          r.checked_at ? when.format(new Date(r.checked_at)) : '',
          note,
        ]),
      );
      rows += 1;
    }
    after = Number(page[page.length - 1]?.row_no ?? after);
  }
  await audit(db, ctx, { action: grant.reveal ? 'reveal' : 'export', entity: 'verification_list', entityId: list.id, regionId: list.region_id, purpose: grant.purpose, details: { rows, revealed: grant.reveal } });
  return Buffer.from(await book.xlsx.writeBuffer());
}
