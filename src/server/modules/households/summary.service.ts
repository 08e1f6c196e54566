// The per-village summary of people by category (各村(社)各类人员情况调查汇总表), as numbers
// (for the dashboard) and as the xlsx the county files.
import ExcelJS from 'exceljs';
import { PERSON_CATEGORIES, type PersonCategory } from '../../../shared/households.ts';
import { CATEGORY_LABELS_ZH } from '../../../shared/labels.ts';
import type { Db } from '../../db/schema.ts';
import { type ScopedRegion, subtreeRange } from '../../platform/access.ts';
import { notFound } from '../../platform/errors.ts';
import { guardWorkbook } from '../../platform/spreadsheet-cells.ts';
import * as q from './summary.queries.ts';
import { regionFields, regionsInSubtree } from '../regions/regions.queries.ts';
import { toBool } from '../../db/dialect.ts';
import { ancestorIdAt, ancestorPathAt, depthOfLevel } from '../../../shared/region-path.ts';

export interface VillageSummary {
  villageId: number;
  town: string;
  village: string;
  households: number;
  persons: number;
  keyPersons: number;
  byCategory: Record<PersonCategory, number>;
}

const emptyCategories = () => Object.fromEntries(PERSON_CATEGORIES.map((c) => [c, 0])) as Record<PersonCategory, number>;

export async function villageSummaries(db: Db, scope: ScopedRegion): Promise<{ title: string; rows: VillageSummary[] }> {
  const region = await regionFields(db, scope.id, ['name', 'path', 'level']);
  if (!region) throw notFound('region');
  // Below a village the summary is of that one village, counting only the scoped subtree.
  const belowVillage = depthOfLevel(region.level) > depthOfLevel('village');
  const villagePath = belowVillage ? (ancestorPathAt(region.path, 'village') ?? region.path) : region.path;
  const [lo, hi] = belowVillage ? [villagePath, `${villagePath.slice(0, -1)}0`] : subtreeRange(region.path);
  const villages = await q.villagesOf(db, lo, hi);
  const [people, households, regions] = await Promise.all([
    q.personCountsByRegion(db, scope.path),
    q.householdCountsByRegion(db, scope.path),
    regionsInSubtree(db, scope.path, ['id', 'path']),
  ]);
  // Each grid or micro-grid counts toward the village on its path.
  const villageOf = new Map<number, number>();
  for (const r of regions) {
    const v = ancestorIdAt(r.path, 'village');
    if (v !== null) villageOf.set(r.id, v);
  }
  const byVillage = new Map<number, VillageSummary>(
    villages.map((v) => [v.id, { villageId: v.id, town: v.town_name ?? '', village: v.name, households: 0, persons: 0, keyPersons: 0, byCategory: emptyCategories() }]),
  );
  for (const p of people) {
    const s = byVillage.get(villageOf.get(p.region_id) ?? -1);
    if (!s) continue;
    const n = Number(p.n);
    s.persons += n;
    if (toBool(p.key_person)) s.keyPersons += n;
    if (p.category in s.byCategory) s.byCategory[p.category] += n;
  }
  for (const h of households) {
    const s = byVillage.get(villageOf.get(h.region_id) ?? -1);
    if (s) s.households += Number(h.n);
  }
  return { title: region.name, rows: [...byVillage.values()] };
}

export async function summaryWorkbook(summary: { title: string; rows: VillageSummary[] }, day: string): Promise<ExcelJS.Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('汇总表', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  const headers = ['序号', '镇(街道)', '村(社区)', '户数', '总人数', ...PERSON_CATEGORIES.map((c) => CATEGORY_LABELS_ZH[c]), '重点人员'];
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).value = `${summary.title}各村(社)各类人员情况调查汇总表`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, headers.length);
  ws.getCell(2, 1).value = `统计日期：${day}`;
  ws.getRow(3).values = headers;
  ws.getRow(3).font = { bold: true };
  const totals = { households: 0, persons: 0, keyPersons: 0, byCategory: emptyCategories() };
  summary.rows.forEach((r, i) => {
    ws.addRow([i + 1, r.town, r.village, r.households, r.persons, ...PERSON_CATEGORIES.map((c) => r.byCategory[c]), r.keyPersons]);
    totals.households += r.households;
    totals.persons += r.persons;
    totals.keyPersons += r.keyPersons;
    for (const c of PERSON_CATEGORIES) totals.byCategory[c] += r.byCategory[c];
  });
  const total = ws.addRow(['合计', '', '', totals.households, totals.persons, ...PERSON_CATEGORIES.map((c) => totals.byCategory[c]), totals.keyPersons]);
  total.font = { bold: true };
  ws.columns.forEach((col, i) => {
    col.width = i === 0 ? 6 : i < 3 ? 16 : 11;
  });
  for (let r = 3; r <= ws.rowCount; r++) {
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  }
  guardWorkbook(wb); // town and village names are typed by people
  return wb.xlsx.writeBuffer();
}
