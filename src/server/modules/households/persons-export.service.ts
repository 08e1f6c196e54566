// A filtered people list as xlsx, streamed row by row (a county's 250,000 people never sit in
// memory at once). ID and phone numbers are masked unless a registering role asked to reveal
// them with a purpose, which is audited like any full read.
import type { Readable } from 'node:stream';
import type { PersonCategory } from '../../../shared/households.ts';
import { CATEGORY_LABELS_ZH } from '../../../shared/labels.ts';
import type { Db } from '../../db/schema.ts';
import type { ScopedRegion } from '../../platform/access.ts';
import type { FieldCrypto } from '../../platform/crypto.ts';
import type { BulkLane } from '../../platform/bulk-lane.ts';
import { PAGE_ARRIVAL_MS } from '../../platform/list-export.ts';
import { XlsxSheetStream } from '../../platform/xlsx-stream.ts';
import type { FastifyBaseLogger } from 'fastify';
import * as q from './persons.queries.ts';
import { regionsFields } from '../regions/regions.queries.ts';
import { toBool } from '../../db/dialect.ts';

const BATCH = 1000;
const HEADERS = ['姓名', '身份证号', '手机号', '性别', '出生日期', '类别', '来源地', '到达日期', '工作单位', '重点人员', '重点人员原因', '网格'];

export interface PersonsExportFilter {
  category?: PersonCategory;
  keyPerson?: boolean;
}

/** Starts writing the workbook into the returned stream, paced by the bulk lane; errors end the stream and are logged. */
export function streamPersonsWorkbook(db: Db, crypto: FieldCrypto, scope: ScopedRegion, filter: PersonsExportFilter, reveal: boolean, lane: BulkLane, log: FastifyBaseLogger): Readable {
  const sheet = new XlsxSheetStream({
    sheetName: '人员名单',
    columns: HEADERS.map((header, i) => ({ header, width: i === 1 ? 22 : i === 11 ? 18 : 12 })),
    pace: (workMs) => lane.turn(workMs),
  });
  void (async () => {
    const gridNames = new Map<number, string>();
    let after: q.PersonAfter | undefined;
    for (;;) {
      const rows = await q.listPersons(db, scope.path, { ...filter, after, limit: BATCH - 1 });
      await lane.turn(PAGE_ARRIVAL_MS);
      const missing = [...new Set(rows.map((r) => r.region_id))].filter((id) => !gridNames.has(id));
      if (missing.length) {
        for (const g of await regionsFields(db, missing, ['id', 'name'])) gridNames.set(g.id, g.name);
      }
      // addRows waits while a slow client has not taken the previous rows.
      await sheet.writeRows(rows, (r) => [
        r.name,
        reveal && r.id_number_enc ? crypto.decrypt(r.id_number_enc) : r.id_number_masked ?? '',
        reveal && r.phone_enc ? crypto.decrypt(r.phone_enc) : r.phone_masked ?? '',
        r.gender === 'male' ? '男' : r.gender === 'female' ? '女' : '',
        r.birth_date ?? '',
        CATEGORY_LABELS_ZH[r.category] ?? r.category,
        r.origin ?? '',
        r.arrived_on ?? '',
        r.employer ?? '',
        toBool(r.key_person) ? '是' : '否',
        r.key_person_reason ?? '',
        gridNames.get(r.region_id) ?? '',
      ]);
      const last = rows[rows.length - 1];
      if (rows.length < BATCH || !last) break;
      after = { regionId: last.region_id, key: last.id };
    }
    await sheet.finish();
  })().catch((err: unknown) => {
    log.error({ err, rows: sheet.rows }, 'persons export failed');
    sheet.fail(err instanceof Error ? err : new Error('export failed'));
  });
  return sheet.stream;
}
