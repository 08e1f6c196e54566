// 导出 Excel for every list: `GET /api/v1/<list>/export.xlsx?<the list's own filters>`.
// The rows come from the list's own service function, page after page through its keyset cursor,
// with the query parsed by the list's own schema: an export holds exactly the rows the list shows
// for those filters, by construction. The workbook is streamed (xlsx-stream.ts: the sheet's XML
// compressed on zlib's threads), so a county's 250,000 people never sit in memory at once. Numbers are masked as in the list unless a
// role that may reveal them gives a purpose; the export is audited when it starts (filters,
// purpose, the rows expected) and when it ends (the rows written).
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/errors.ts';
import { type ListTotal, PAGE_LIMIT_MAX } from '../../shared/paging.ts';
import { RevealQuery } from '../../shared/reveal.ts';
import type { Access } from './access.ts';
import { audit, auditContextOf } from './audit.ts';
import { AppError } from './errors.ts';
import { revealGrant } from './reveal.ts';
import { actorOf, scopeOf } from './scope.ts';
import { dayIn } from './time.ts';
import { XlsxSheetStream } from './xlsx-stream.ts';
import { wallClockMinutes } from './zoned-time.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How a cell is written: text as it is, a number cell, a day (YYYY-MM-DD) or a moment at the county's wall clock (YYYY-MM-DD HH:mm). */
export type ExportCellKind = 'text' | 'number' | 'day' | 'moment';

export interface ExportColumn<T> {
  /** The Chinese header, as the county's forms name the field. */
  header: string;
  width?: number;
  kind?: ExportCellKind;
  /** text and number: the value; day: YYYY-MM-DD; moment: an ISO instant. Null leaves the cell empty. */
  value: (item: T, names: RegionNames) => string | number | boolean | null | undefined;
}

/** Region id → name, for the "网格" / "村(社)" columns. */
export type RegionNames = (id: number | null | undefined) => string;

export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
  total?: ListTotal;
}

// biome-ignore lint/suspicious/noExplicitAny: any list's query object; its own schema types the filters
type AnyQuerySchema = z.ZodObject<any>;

export interface ListExportSpec<S extends AnyQuerySchema, T> {
  /** The list's URL: the export answers at `${list}/export.xlsx`. */
  list: string;
  /** The same access as the list route. */
  access: Extract<Access, { scope: unknown }>;
  tags: string[];
  /** The list's query schema (with limit and cursor, which the export drops). */
  query: S;
  /** Sheet title and file name, e.g. 人员名单. */
  title: string;
  /** The audit entry's entity, e.g. person. */
  entity: string;
  columns: ExportColumn<T>[];
  /** One page of the list for the filters, the way the list route answers it; `reveal` only where `revealable`. */
  page: (request: FastifyRequest, query: z.infer<S>, reveal: boolean) => Promise<ListPage<T>>;
  /** Region names of a page's rows (through the regions module's queries); without it region columns stay empty. */
  regionNames?: (ids: number[]) => Promise<Map<number, string>>;
  /** The region ids a page's rows name, for regionNames. */
  regionsOf?: (item: NoInfer<T>) => (number | null | undefined)[];
  /** Whether the list has masked ID or phone numbers that an allowed role may reveal. */
  revealable?: boolean;
}

const NO_LIST_PARAMS = { limit: true, cursor: true } as const;

/**
 * Rows per read after the first page (which is the list's own largest page, with its total):
 * each read is a hop to a reader thread or a round trip to PostgreSQL, and 165 of them were a
 * good part of a county's households export. Not more: a read's rows arrive on the event loop in
 * one piece (copied from the reader thread), so its size bounds how long other requests wait.
 */
export const EXPORT_READ_ROWS = 1_000;

/** What a page's arrival (its rows copied from the reader or parsed from PostgreSQL, then mapped) is counted as on the bulk lane. */
export const PAGE_ARRIVAL_MS = 5;

export function registerListExport<S extends AnyQuerySchema, T>(fastify: FastifyInstance, spec: ListExportSpec<S, T>): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const querystring = spec.query.omit(NO_LIST_PARAMS).extend(RevealQuery.shape);
  app.get(`${spec.list}/export.xlsx`, {
    config: { access: spec.access, background: true },
    schema: {
      tags: spec.tags,
      summary: `${spec.title} as xlsx: exactly the rows of the list for the same filters, streamed; ${
        spec.revealable ? 'numbers masked unless reveal=true&purpose=… (roles that register people; audited)' : 'no numbers to reveal'
      }. X-Total-Rows gives the list's total (X-Total-Capped when above its bound).`,
      querystring,
      response: { 200: z.any().describe('the xlsx workbook'), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
    },
    handler: async (request, reply) => {
      const { reveal: revealParam, purpose: purposeParam, ...filters } = request.query as Record<string, unknown> & RevealQuery;
      const grant = revealGrant(actorOf(request), { reveal: revealParam, purpose: purposeParam });
      if (grant.reveal && !spec.revealable) {
        throw new AppError('VALIDATION_ERROR', 'reveal: this list shows no ID or phone numbers to reveal', [{ path: 'reveal', message: 'not available on this list' }]);
      }
      const listQuery = { ...filters, limit: PAGE_LIMIT_MAX } as z.infer<S>;
      // The first page before any byte is sent: a filter the list refuses is a clear error, not a broken file.
      const first = await spec.page(request, listQuery, grant.reveal);
      const ctx = auditContextOf(request);
      const scope = scopeOf(request);
      const entry = {
        entity: spec.entity,
        entityId: null,
        regionId: scope.id,
        purpose: grant.purpose,
      };
      const filterNames = Object.keys(filters).filter((k) => filters[k] !== undefined);
      await audit(app.db, ctx, { ...entry, action: grant.reveal ? 'export_reveal' : 'export', details: { list: spec.list, filters: filterNames, expectedRows: first.total ?? null } });
      const day = dayIn(app.config.timeZone);
      const filename = `${spec.title}-${day}.xlsx`;
      if (first.total) reply.header('x-total-rows', String(first.total.count)).header('x-total-capped', String(first.total.capped));
      return reply
        .type(XLSX_TYPE)
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="export-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(streamList(app, request, spec, listQuery, grant.reveal, first, (rows, complete) =>
          audit(app.db, ctx, { ...entry, action: complete ? 'export_done' : 'export_failed', details: { list: spec.list, rows } }),
        ));
    },
  });
}

function streamList<S extends AnyQuerySchema, T>(
  app: FastifyInstance,
  request: FastifyRequest,
  spec: ListExportSpec<S, T>,
  query: z.infer<S>,
  reveal: boolean,
  first: ListPage<T>,
  finished: (rows: number, complete: boolean) => Promise<void>,
): Readable {
  const sheet = new XlsxSheetStream({
    sheetName: spec.title,
    columns: spec.columns.map((c) => ({ header: c.header, width: c.width ?? Math.max(10, c.header.length * 2 + 2) })),
    pace: (workMs) => app.bulkLane.turn(workMs),
  });
  const names = new Map<number, string>();
  const nameOf: RegionNames = (id) => (id == null ? '' : names.get(id) ?? '');
  const toCell = cellWriter(app.config.timeZone);
  const nextPage = (page: ListPage<T>) => (page.nextCursor ? spec.page(request, { ...query, limit: EXPORT_READ_ROWS, cursor: page.nextCursor }, reveal) : null);
  void (async () => {
    let page = first;
    for (;;) {
      // The next page is read (on a reader thread or by the database) while this one is written:
      // two pages at most are held, and a slow client holds back the reads through addRows.
      const next = nextPage(page);
      next?.catch(() => undefined);
      if (spec.regionNames && spec.regionsOf) {
        const missing = [...new Set(page.items.flatMap(spec.regionsOf))].filter((id): id is number => id != null && !names.has(id));
        if (missing.length) for (const [id, name] of await spec.regionNames(missing)) names.set(id, name);
      }
      await sheet.writeRows(page.items, (item) => spec.columns.map((c) => toCell(c.kind, c.value(item, nameOf))));
      if (!next) break;
      page = await next;
      // The page's rows have just been copied in and mapped on the event loop, untimed here.
      await app.bulkLane.turn(PAGE_ARRIVAL_MS);
    }
    await sheet.finish();
    await finished(sheet.rows, true);
  })().catch(async (err: unknown) => {
    request.log.error({ err, list: spec.list, rows: sheet.rows }, 'list export failed');
    sheet.fail(err instanceof Error ? err : new Error('export failed'));
    await finished(sheet.rows, false).catch(() => undefined);
  });
  return sheet.stream;
}

type CellValue = string | number | null;

/**
 * Days and moments are written as the county reads them ("2026-12-06", "2026-12-06 14:05" at the
 * county's wall clock) in text cells, as the lists show them (a date cell would need a style
 * of its own and reads back as a moment in UTC).
 */
function cellWriter(timeZone: string) {
  const clock = wallClockMinutes(timeZone);
  return (kind: ExportCellKind | undefined, value: string | number | boolean | null | undefined): CellValue => {
    if (value == null || value === '') return null;
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (kind === 'number') return typeof value === 'number' ? value : Number(value);
    if (kind === 'moment' && typeof value === 'string') {
      const at = new Date(value);
      return Number.isNaN(at.getTime()) ? value : clock(at);
    }
    return typeof value === 'number' ? value : String(value);
  };
}

export const wordOf = (words: Readonly<Record<string, string>>, code: string): string => words[code] ?? code;
