// The refused rows of a people import, as a workbook to correct and upload again: the rows
// exactly as they were uploaded (read again from the sealed upload), with the reasons in
// Chinese in a last column. Streamed: a million refused rows do not sit in memory. What the
// uploader sent is echoed, so formula-like text is written as text (platform/spreadsheet-cells).
import type { FastifyBaseLogger } from 'fastify';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { PassThrough, type Readable } from 'node:stream';
import { importReasonText } from '../../../shared/import-reasons.ts';
import type { DB } from '../../db/schema.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import { IMPORT_LIMITS } from '../../../shared/import-limits.ts';
import { guardRow } from '../../platform/spreadsheet-cells.ts';
import { openUploadRows } from './row-source.ts';

interface Deps {
  db: Kysely<DB>;
  crypto: FieldCrypto;
  dataDir: string;
  log: FastifyBaseLogger;
}

const BATCH = 2_000;

export function rejectedRowsWorkbook(deps: Deps, jobId: string, uploadRef: string, format: 'xlsx' | 'csv'): Readable {
  const out = new PassThrough();
  void write(deps, jobId, uploadRef, format, out).catch((err: unknown) => {
    deps.log.error({ err, importId: jobId }, 'rejected rows download failed');
    out.destroy(err as Error);
  });
  return out;
}

async function write(deps: Deps, jobId: string, uploadRef: string, format: 'xlsx' | 'csv', out: PassThrough): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('未导入的行');
  const upload = await openUploadRows(deps.crypto, deps.dataDir, uploadRef, format, IMPORT_LIMITS.persons);

  // Reasons are read in batches ahead of the rows, both in row order.
  const reasons = new Map<number, string[]>();
  let loadedUpTo = 0;
  let exhausted = false;
  const loadMore = async () => {
    const batch = await deps.db
      .selectFrom('import_rejections')
      .select(['row_no', 'column_label', 'message', 'code', 'params'])
      .where('job_id', '=', jobId)
      .where('row_no', '>', loadedUpTo)
      .orderBy('row_no')
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (batch.length < BATCH) exhausted = true;
    // The last row of a full batch may continue in the next: keep only whole rows.
    const lastRow = batch.at(-1)?.row_no ?? loadedUpTo;
    const whole = exhausted ? batch : batch.filter((r) => r.row_no < lastRow);
    if (!exhausted && whole.length === 0) {
      // One row with more than BATCH refusals cannot happen (a row has at most one per column).
      exhausted = true;
    }
    for (const r of whole) {
      const params = r.params ? (JSON.parse(r.params) as Record<string, string | number>) : undefined;
      const text = (r.code && importReasonText(r.code, params, 'zh')) || r.message;
      const list = reasons.get(r.row_no) ?? [];
      list.push(`${r.column_label.replace(/^[A-Z]+ /, '')}：${text}`);
      reasons.set(r.row_no, list);
    }
    loadedUpTo = exhausted ? Number.MAX_SAFE_INTEGER : lastRow - 1;
  };

  try {
    let headerWidth = 0;
    for await (const raw of upload.rows) {
      if (raw.row === 1) {
        headerWidth = raw.values.length - 1;
        const header = sheet.addRow([...raw.values.slice(1).map((v) => v ?? ''), '未导入原因', '原表行号']);
        header.font = { bold: true };
        guardRow(header).commit();
        continue;
      }
      while (!exhausted && loadedUpTo < raw.row) await loadMore();
      const why = reasons.get(raw.row);
      if (!why) continue;
      reasons.delete(raw.row);
      const cells = raw.values.slice(1, headerWidth + 1);
      while (cells.length < headerWidth) cells.push(null);
      guardRow(sheet.addRow([...cells.map((v) => v ?? ''), why.join('；'), raw.row])).commit();
    }
  } finally {
    upload.close();
  }
  sheet.commit();
  await workbook.commit();
}
