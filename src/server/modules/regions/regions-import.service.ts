// A territory import runs in the background: the upload answers 202 with the job id at once,
// then the rows are read, checked and written in one transaction with the job's result and
// one audit entry — all-or-nothing writes nothing when any row is rejected.
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { RegionName } from '../../../shared/regions.ts';
import type { DB } from '../../db/schema.ts';
import { type AuditContext, audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RegionMoveHook } from '../../platform/region-moves.ts';
import { applyImport } from './regions-import.apply.ts';
import { type ImportMode, type ImportRejection, claimJob, failJob, finishJob, jobProgress } from '../imports/import-jobs.ts';
import { type ColumnLabels, type ImportRow, levelFromText, planImport } from './regions-import.plan.ts';
import { type SheetRow, codeFromCell, readSheet } from '../imports/sheet.ts';
import { ImportRefusal, type JobFailure, failureOf } from '../imports/import-refusal.ts';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';

export const IMPORT_KIND = 'regions';
export const REGION_HEADERS = {
  code: ['代码', '编码', '区划代码', '区域代码', 'code'],
  name: ['名称', '区域名称', 'name'],
  level: ['级别', '层级', 'level'],
  parent: ['上级代码', '上级编码', '父级代码', 'parent code', 'parentcode', 'parent'],
} as const;
type Field = keyof typeof REGION_HEADERS;

export interface RegionImportJob {
  id: string;
  mode: ImportMode;
  actorPath: string;
  regionId: number;
  audit: AuditContext;
}

/** Per-cell checks: a row either becomes an ImportRow or is rejected with every problem it has. */
function parseRow(r: SheetRow<Field>, labels: ColumnLabels, rejected: ImportRejection[], badRows: Map<string, number>): ImportRow | null {
  const problems: ImportRejection[] = [];
  const bad = (column: string, message: string) => problems.push({ row: r.row, column, message });
  const code = codeFromCell(r.cells.code);
  if (!code.ok) bad(labels.code, `the code ${code.message}`);
  else if (!/^\d{6,20}$/.test(code.code)) bad(labels.code, 'a region code has 6 to 20 digits');
  const name = RegionName.safeParse(r.cells.name === null ? '' : String(r.cells.name));
  if (!name.success) bad(labels.name, 'the name is empty or longer than 100 characters');
  const level = r.cells.level === null ? null : levelFromText(String(r.cells.level));
  if (!level) bad(labels.level, 'the level must be one of 县, 镇, 乡, 街道, 村, 社区, 网格, 微网格 (or county, town, village, grid, microgrid)');
  let parentCode: string | null = null;
  if (r.cells.parent !== null) {
    const parent = codeFromCell(r.cells.parent);
    if (!parent.ok) bad(labels.parent, `the parent code ${parent.message}`);
    else if (!/^\d{6,20}$/.test(parent.code)) bad(labels.parent, 'a region code has 6 to 20 digits');
    else parentCode = parent.code;
  }
  if (problems.length || !code.ok || !name.success || !level) {
    rejected.push(...problems);
    if (code.ok && !badRows.has(code.code)) badRows.set(code.code, r.row);
    return null;
  }
  return { row: r.row, code: code.code, name: name.data, level, parentCode };
}

export async function runRegionImport(db: Kysely<DB>, log: FastifyBaseLogger, job: RegionImportJob, file: Buffer, regionMoved: RegionMoveHook): Promise<void> {
  if (!(await claimJob(db, job.id))) return;
  try {
    // A file past a limit fails with the refusal's code (the web words it); any other
    // unreadable file with the general sentence.
    const sheet = await readSheet(file, REGION_HEADERS, ['code', 'name', 'level', 'parent'], IMPORT_LIMITS.regions).catch((err: unknown): { ok: false; failure: JobFailure } => ({
      ok: false,
      failure: err instanceof ImportRefusal ? failureOf(err) : { message: 'the file could not be read as an Excel workbook: save it again as .xlsx' },
    }));
    if (!sheet.ok) return await failJob(db, job.id, 'failure' in sheet ? sheet.failure : sheet.message);
    const labels: ColumnLabels = {
      code: sheet.columns.code?.label ?? 'code',
      name: sheet.columns.name?.label ?? 'name',
      level: sheet.columns.level?.label ?? 'level',
      parent: sheet.columns.parent?.label ?? 'parent',
    };
    const total = sheet.rows.length;
    await jobProgress(db, job.id, { total });
    const rejected: ImportRejection[] = [];
    const badRows = new Map<string, number>();
    const rows = sheet.rows.map((r) => parseRow(r, labels, rejected, badRows)).filter((r): r is ImportRow => r !== null);
    await db.transaction().execute(async (tx) => {
      const plan = await planImport(tx, rows, badRows, job.actorPath, labels);
      const allRejected = [...rejected, ...plan.rejected].sort((a, b) => a.row - b.row);
      const writeNothing = job.mode === 'all-or-nothing' && allRejected.length > 0;
      const counts = writeNothing ? null : await applyImport(tx, plan.ops, regionMoved);
      const imported = writeNothing ? 0 : plan.ops.length;
      const rejectedRows = new Set(allRejected.map((r) => r.row)).size;
      await finishJob(tx, job.id, { total, imported, rejected: allRejected });
      await audit(tx, job.audit, {
        action: 'import',
        entity: 'region',
        entityId: job.id,
        regionId: job.regionId,
        details: { imported, rejected: rejectedRows, mode: job.mode, ...(counts ?? {}) },
      });
    });
  } catch (err) {
    // A rule broken only at write time (an AppError) is the uploader's to read; anything else
    // is ours: logged, and the job says so without internals.
    if (err instanceof AppError) return failJob(db, job.id, err.message);
    log.error({ err, importId: job.id }, 'territory import failed');
    await failJob(db, job.id, 'the import failed on the server; it has been logged').catch(() => undefined);
  }
}
