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
import { nowIso } from '../../platform/ids.ts';
import type { RevealGrant } from '../../platform/reveal.ts';
import { guardRow } from '../../platform/spreadsheet-cells.ts';
import { childRegions, regionNames, regionsInSubtree } from '../regions/regions.queries.ts';
import * as q from './verification.queries.ts';
import type { VerificationListsTable } from './verification.tables.ts';
import { pathIds } from '../../../shared/region-path.ts';

/** Per child region of `scope` (and the region itself when tasks wait in its pool). */
export async function listProgress(db: Db, list: VerificationListsTable, scope: ScopedRegion): Promise<ListProgressRow[]> {
  const [counts, children, subtree] = await Promise.all([
    q.taskCounts(db, list.id, scope.path, nowIso()),
    childRegions(db, scope.id, ['id', 'name']),
    regionsInSubtree(db, scope.path, ['id', 'path']),
  ]);
  // Each region counts toward the scope's child on its path (the scope's own rows toward the scope).
  const depth = pathIds(scope.path).length;
  const childOf = new Map(subtree.map((r) => [r.id, pathIds(r.path)[depth] ?? scope.id]));
  const rows = new Map<number, ListProgressRow>();
  const rowOf = (id: number, name: string) => {
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { regionId: id, name, total: 0, checked: 0, accepted: 0, overdue: 0, outcomes: {} }));
    return row;
  };
  for (const c of children) rowOf(c.id, c.name);
  const own = (await regionNames(db, [scope.id])).get(scope.id) ?? '';
  for (const c of counts) {
    const at = childOf.get(c.region_id) ?? scope.id;
    const row = rowOf(at, at === scope.id ? own : '');
    const n = Number(c.n);
    row.total += n;
    if (c.status === 'checked' || c.status === 'accepted') row.checked += n;
    if (c.status === 'accepted') row.accepted += n;
    row.overdue += Number(c.late ?? 0);
    if (c.outcome) row.outcomes[c.outcome] = (row.outcomes[c.outcome] ?? 0) + n;
  }
  return [...rows.values()];
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
