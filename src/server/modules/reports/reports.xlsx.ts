// The day's roll-up as a workbook the county files: 汇总 (by child region, with the region's
// total), 未报网格 (who has not filed, where, who is responsible, phone), 已报网格 (who filed).
// Streamed out; the data itself is small (a county has a few thousand grids).
import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import ExcelJS from 'exceljs';
import { REPORT_FIGURES, type ReportFigure, type RollupRow } from '../../../shared/reports.ts';
import { toBool } from '../../db/dialect.ts';
import { guardRow } from '../../platform/spreadsheet-cells.ts';
import type { GridBoard } from './reports.status.ts';

export const FIGURE_LABELS_ZH: Record<ReportFigure, string> = {
  householdsVisited: '走访户数',
  newArrivals: '新增外来人员',
  departures: '离开人员',
  underQuarantine: '居家隔离人数',
  abnormalHealth: '健康异常人数',
  tipsReceived: '收到举报数',
};
export const SHEET_NAMES = ['汇总', '未报网格', '已报网格'] as const;

const rate = (filed: number, grids: number) => (grids ? Math.round((filed / grids) * 1000) / 10 : 0);

function localTime(iso: string, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, title: string, columns: { header: string; width: number }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const titleRow = ws.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, columns.length);
  guardRow(titleRow).commit();
  const header = ws.getRow(2);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  guardRow(header).commit();
  return ws;
}

export interface RollupWorkbookInput {
  regionName: string;
  day: string;
  timeZone: string;
  rollup: { region: RollupRow; children: RollupRow[] };
  board: GridBoard;
}

/** Starts writing the workbook into the returned stream; a failure ends the stream and is logged. */
export function streamRollupWorkbook(input: RollupWorkbookInput, log: FastifyBaseLogger): PassThrough {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const { day, regionName } = input;
  void (async () => {
    const figureCols = REPORT_FIGURES.map((f) => ({ header: FIGURE_LABELS_ZH[f], width: 12 }));
    const summary = sheet(wb, SHEET_NAMES[0], `${regionName}每日一上报汇总表（${day}）`, [
      { header: '区域', width: 22 },
      { header: '网格数', width: 10 },
      { header: '已报', width: 10 },
      { header: '按时', width: 10 },
      { header: '迟报', width: 10 },
      { header: '未报', width: 10 },
      { header: '退回', width: 10 },
      { header: '上报率(%)', width: 11 },
      ...figureCols,
    ]);
    const line = (r: RollupRow, label: string) => [label, r.grids, r.filed, r.onTime, r.late, r.missing, r.returned, rate(r.filed, r.grids), ...REPORT_FIGURES.map((f) => r.figures[f] ?? 0)];
    for (const child of input.rollup.children) guardRow(summary.addRow(line(child, child.name))).commit();
    const total = summary.addRow(line(input.rollup.region, `合计（${input.rollup.region.name}）`));
    total.font = { bold: true };
    guardRow(total).commit();
    await summary.commit();

    const missing = sheet(wb, SHEET_NAMES[1], `${regionName}未报网格（${day}）`, [
      { header: '序号', width: 7 },
      { header: '网格', width: 24 },
      { header: '所在镇村', width: 26 },
      { header: '状态', width: 10 },
      { header: '责任人', width: 24 },
      { header: '联系电话', width: 26 },
    ]);
    let n = 0;
    for (const g of input.board.grids) {
      if (g.report?.status === 'filed') continue;
      n += 1;
      const responsible = g.responsible.map((s) => s.name).join('、');
      const phones = g.responsible.map((s) => s.phone ?? '').filter(Boolean).join('、');
      guardRow(missing.addRow([n, g.name, g.parentNames, g.report ? '已退回' : '未报', responsible, phones])).commit();
    }
    await missing.commit();

    const filed = sheet(wb, SHEET_NAMES[2], `${regionName}已报网格（${day}）`, [
      { header: '序号', width: 7 },
      { header: '网格', width: 24 },
      { header: '所在镇村', width: 26 },
      { header: '上报时间', width: 18 },
      { header: '是否按时', width: 10 },
      { header: '零报告', width: 8 },
      ...figureCols,
    ]);
    n = 0;
    for (const g of input.board.grids) {
      const r = g.report;
      if (r?.status !== 'filed') continue;
      n += 1;
      const figures = JSON.parse(r.figures) as Record<string, number>;
      const filedAt = localTime(r.first_filed_at, input.timeZone);
      guardRow(filed.addRow([n, g.name, g.parentNames, filedAt, toBool(r.on_time) ? '按时' : '迟报', toBool(r.zero) ? '是' : '否', ...REPORT_FIGURES.map((f) => figures[f] ?? 0)])).commit();
    }
    await filed.commit();
    await wb.commit();
  })().catch((err: unknown) => {
    log.error({ err }, 'daily report workbook failed');
    out.destroy(err instanceof Error ? err : new Error('workbook failed'));
  });
  return out;
}
