// A one-sheet xlsx written as a stream, for the exports of whole lists (a county's 100,000
// households or 250,000 people). exceljs's streaming writer spent most of an export's time on
// the event loop building a cell object, its style and its XML for every cell (bench/exports.ts:
// 82,447 households in 29 s beside a 1.8-s raw query), and every other request waited behind it.
// These sheets are plain rows of text and numbers, so the sheet XML is written here directly (a
// string per batch of rows, ~1 ms per 500 rows) and compressed by zlib's stream, whose deflate
// runs on libuv's thread pool, not on the event loop. The zip container is the small part
// written here: the parts of a minimal workbook, the sheet as a streamed entry (sizes and CRC
// in a data descriptor after it), then the central directory.
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import zlib from 'node:zlib';
import { isFormulaLike } from './spreadsheet-cells.ts';

export type XlsxCell = string | number | null | undefined;

export interface XlsxColumn {
  header: string;
  /** In characters, as spreadsheet programs count a column's width. */
  width: number;
}

export interface XlsxSheetOptions {
  /** The sheet's name (cut to Excel's 31 characters). */
  sheetName: string;
  columns: readonly XlsxColumn[];
  /**
   * Waits for the next slice's turn after one that took `workMs` of the event loop (default: the
   * next turn of the loop). Exports pass the bulk lane's, which gives way to other requests.
   */
  pace?: (workMs: number) => Promise<void>;
}

// Cell styles (styles.xml's cellXfs): 0 plain, 1 the header's bold, 2 Text (@) for formula-like text.
const STYLE_HEADER = 1;
const STYLE_TEXT = 2;

/** zlib's level 6 costs twice level 1's time for ~10% smaller sheets of these rows; the time is the thread pool's, not the event loop's. */
const DEFLATE_LEVEL = 6;
/** How much compressed workbook may wait for a slow client before the rows stop being read. */
const OUT_BUFFER_BYTES = 1 << 20;
/** Rows made into XML between two turns of the event loop (~2 ms of work on this machine when idle). */
const ROWS_PER_SLICE = 250;
/** Zip's 32-bit sizes: a sheet beyond this would need Zip64, which no list here reaches (a county's people are ~60 MB of XML). */
const ZIP32_MAX = 0xffff_ffff;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

// Characters XML 1.0 cannot hold at all; a spreadsheet program refuses the whole file for one.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_SPECIAL = /[&<>"]/g;
const XML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(text: string): string {
  return text.replace(XML_INVALID, '').replace(XML_SPECIAL, (c) => XML_ENTITY[c] ?? c);
}

/** A..Z, AA.. for a zero-based column index. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const PRESERVE = /^\s|\s$|[\t\n\r]/;

function cellXml(ref: string, value: XlsxCell, style: number): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') {
    // NaN and ±Infinity have no spreadsheet number: left empty rather than a broken file.
    return Number.isFinite(value) ? `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>` : '';
  }
  // Inline strings, never `t="str"` (a formula's cached result); formula-like text also formatted as Text (spreadsheet-cells.ts).
  const s = style || (isFormulaLike(value) ? STYLE_TEXT : 0);
  const space = PRESERVE.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

function rowXml(letters: readonly string[], rowNumber: number, cells: readonly XlsxCell[], style = 0): string {
  let xml = `<row r="${rowNumber}">`;
  for (let i = 0; i < cells.length; i++) xml += cellXml(`${letters[i] ?? columnLetters(i)}${rowNumber}`, cells[i], style);
  return `${xml}</row>`;
}

function workbookParts(sheetName: string): [name: string, xml: string][] {
  const name = xmlText(sheetName.slice(0, 31));
  return [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets><sheet name="${name}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ];
}

const SHEET_PATH = 'xl/worksheets/sheet1.xml';
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const ZIP_VERSION = 20;

interface ZipEntry {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: ((at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

function localHeader(entry: ZipEntry, when: { time: number; date: number }): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(ZIP_VERSION, 4);
  b.writeUInt16LE(entry.flags, 6);
  b.writeUInt16LE(METHOD_DEFLATE, 8);
  b.writeUInt16LE(when.time, 10);
  b.writeUInt16LE(when.date, 12);
  // With a data descriptor these three are zero here and given after the data.
  const streamed = entry.flags & FLAG_DATA_DESCRIPTOR;
  b.writeUInt32LE(streamed ? 0 : entry.crc, 14);
  b.writeUInt32LE(streamed ? 0 : entry.compressed, 18);
  b.writeUInt32LE(streamed ? 0 : entry.size, 22);
  b.writeUInt16LE(entry.name.length, 26);
  b.writeUInt16LE(0, 28);
  return Buffer.concat([b, entry.name]);
}

function dataDescriptor(entry: ZipEntry): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(entry.crc, 4);
  b.writeUInt32LE(entry.compressed, 8);
  b.writeUInt32LE(entry.size, 12);
  return b;
}

function centralDirectory(entries: readonly ZipEntry[], offset: number, when: { time: number; date: number }): Buffer {
  const headers = entries.map((e) => {
    const b = Buffer.alloc(46);
    b.writeUInt32LE(0x02014b50, 0);
    b.writeUInt16LE(ZIP_VERSION, 4);
    b.writeUInt16LE(ZIP_VERSION, 6);
    b.writeUInt16LE(e.flags, 8);
    b.writeUInt16LE(METHOD_DEFLATE, 10);
    b.writeUInt16LE(when.time, 12);
    b.writeUInt16LE(when.date, 14);
    b.writeUInt32LE(e.crc, 16);
    b.writeUInt32LE(e.compressed, 20);
    b.writeUInt32LE(e.size, 24);
    b.writeUInt16LE(e.name.length, 28);
    // extra, comment, disk, internal and external attributes: all zero.
    b.writeUInt32LE(e.offset, 42);
    return Buffer.concat([b, e.name]);
  });
  const directory = Buffer.concat(headers);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([directory, end]);
}

/**
 * One sheet of rows written into `stream` as they are added. `addRows` resolves when the client
 * has room for more (a slow client slows the reading of rows, not the server's memory) and
 * rejects once the stream is gone (the client left); `finish` writes the end of the file.
 */
export class XlsxSheetStream {
  readonly stream = new PassThrough({ highWaterMark: OUT_BUFFER_BYTES });
  readonly #letters: string[];
  readonly #entries: ZipEntry[] = [];
  readonly #when = dosDateTime(new Date());
  readonly #deflate = zlib.createDeflateRaw({ level: DEFLATE_LEVEL });
  readonly #sheet: ZipEntry;
  readonly #pace: (workMs: number) => Promise<void>;
  #offset = 0;
  #rows = 0;
  #gone: Error | null = null;

  constructor(options: XlsxSheetOptions) {
    this.#letters = options.columns.map((_, i) => columnLetters(i));
    this.#pace = options.pace ?? (() => nextTurn());
    this.stream.once('close', () => {
      if (!this.stream.writableFinished) this.#stop(new Error('the export’s client went away'));
    });
    for (const [name, xml] of workbookParts(options.sheetName)) {
      const data = Buffer.from(xml);
      const compressed = zlib.deflateRawSync(data);
      const entry = { name: Buffer.from(name), flags: FLAG_UTF8, crc: zlib.crc32(data), compressed: compressed.length, size: data.length, offset: this.#offset };
      this.#emit(localHeader(entry, this.#when));
      this.#emit(compressed);
      this.#entries.push(entry);
    }
    this.#sheet = { name: Buffer.from(SHEET_PATH), flags: FLAG_UTF8 | FLAG_DATA_DESCRIPTOR, crc: 0, compressed: 0, size: 0, offset: this.#offset };
    this.#emit(localHeader(this.#sheet, this.#when));
    this.#deflate.on('data', (chunk: Buffer) => {
      this.#sheet.compressed += chunk.length;
      // The client's backpressure reaches the deflate stream, and through it addRows.
      if (!this.#emit(chunk) && !this.#deflate.isPaused()) {
        this.#deflate.pause();
        this.stream.once('drain', () => this.#deflate.resume());
      }
    });
    this.#deflate.on('error', (err) => this.#stop(err));
    const cols = options.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
    this.#sheetXml(
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${rowXml(this.#letters, 1, options.columns.map((c) => c.header), STYLE_HEADER)}`,
    );
    this.#rows = 1;
  }

  /** Rows written so far, the header not counted. */
  get rows(): number {
    return this.#rows - 1;
  }

  async addRows(rows: readonly (readonly XlsxCell[])[]): Promise<void> {
    await this.writeRows(rows, (cells) => cells);
  }

  /**
   * Each item's cells as a row. Items are turned into cells and XML a slice at a time, with a turn
   * of the event loop between slices: a read of 2,000 rows is not one 50-ms block before the
   * next request is served.
   */
  async writeRows<T>(items: readonly T[], cellsOf: (item: T) => readonly XlsxCell[]): Promise<void> {
    let workMs = 0;
    for (let start = 0; start < items.length; start += ROWS_PER_SLICE) {
      if (this.#gone) throw this.#gone;
      if (start > 0) await this.#pace(workMs);
      if (this.#gone) throw this.#gone;
      const t0 = performance.now();
      let xml = '';
      for (const item of items.slice(start, start + ROWS_PER_SLICE)) xml += rowXml(this.#letters, ++this.#rows, cellsOf(item));
      const room = this.#sheetXml(xml);
      workMs = performance.now() - t0;
      if (!room) await this.#whenDrained();
    }
    if (this.#gone) throw this.#gone;
  }

  async finish(): Promise<void> {
    if (this.#gone) throw this.#gone;
    this.#sheetXml('</sheetData></worksheet>');
    const ended = new Promise<void>((resolve, reject) => {
      this.#deflate.once('end', resolve);
      this.#deflate.once('error', reject);
    });
    this.#deflate.end();
    await ended;
    if (this.#gone) throw this.#gone;
    if (this.#sheet.size > ZIP32_MAX || this.#offset > ZIP32_MAX) throw this.#stop(new Error('the sheet is beyond the 4 GB a zip without Zip64 holds'));
    this.#emit(dataDescriptor(this.#sheet));
    this.#entries.push(this.#sheet);
    this.#emit(centralDirectory(this.#entries, this.#offset, this.#when));
    this.stream.end();
  }

  /** Ends the stream with an error (the client sees a cut download, not a complete file). */
  fail(err: Error): void {
    this.#stop(err);
  }

  #stop(err: Error): Error {
    this.#gone ??= err;
    this.#deflate.destroy();
    this.stream.destroy(err);
    return err;
  }

  #emit(chunk: Buffer): boolean {
    this.#offset += chunk.length;
    return this.stream.write(chunk);
  }

  #sheetXml(xml: string): boolean {
    const data = Buffer.from(xml);
    this.#sheet.crc = zlib.crc32(data, this.#sheet.crc);
    this.#sheet.size += data.length;
    return this.#deflate.write(data);
  }

  #whenDrained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => {
        this.#deflate.off('drain', done);
        this.#deflate.off('close', done);
        if (this.#gone) reject(this.#gone);
        else resolve();
      };
      this.#deflate.once('drain', done);
      // Destroyed (the client left, or zlib failed): no drain will come.
      this.#deflate.once('close', done);
    });
  }
}
