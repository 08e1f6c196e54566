// Spreadsheet bombs for the tests and bench/upload-bombs.ts, built in milliseconds: a zip is
// written by hand, and a part of gigabytes is one deflated megabyte repeated (each copy
// compressed on its own and ended with a full flush, so copies can follow each other in one
// deflate stream). A part's declared size can be honest (the upload check refuses it) or a lie
// (the reader must stop at what was declared).
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The part's bytes as stored: deflated, or the plain bytes when `stored`. */
  data: Buffer;
  /** What the directory declares as the unpacked size. */
  size: number;
  crc?: number;
  stored?: boolean;
}

const MB = 1_048_576;
const text = (t: string | Buffer) => (typeof t === 'string' ? Buffer.from(t, 'utf8') : t);

/** A part deflated whole (small parts: XML written out). */
export function part(name: string, content: string | Buffer): ZipPart {
  const plain = text(content);
  return { name, data: deflateRawSync(plain), size: plain.length, crc: crc32(plain) };
}

/** A part stored as it is (method 0): a zip kept inside the workbook. */
export const storedPart = (name: string, content: Buffer): ZipPart => ({ name, data: content, size: content.length, crc: crc32(content), stored: true });

/** Pieces of a part, each repeated `times`: [{ text: '<sst>' }, { text: 'a'.repeat(MB), times: 100 }, …]. */
export function repeatedPart(name: string, pieces: { text: string | Buffer; times?: number }[], declaredSize?: number): ZipPart {
  const chunks: Buffer[] = [];
  let size = 0;
  // Pieces repeat (the same megabyte in thirty texts): each distinct one is deflated once.
  const blocks = new Map<string | Buffer, Buffer>();
  for (const piece of pieces) {
    const plain = text(piece.text);
    const block = blocks.get(piece.text) ?? deflateRawSync(plain, { finishFlush: constants.Z_FULL_FLUSH });
    blocks.set(piece.text, block);
    for (let i = 0; i < (piece.times ?? 1); i++) chunks.push(block);
    size += plain.length * (piece.times ?? 1);
  }
  chunks.push(deflateRawSync(Buffer.alloc(0))); // the final block
  return { name, data: Buffer.concat(chunks), size: declaredSize ?? size };
}

/** A zip of the parts: local headers with sizes (no data descriptors), then the directory. */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.stored ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(p.crc ?? 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt32LE(p.crc ?? 0, 16);
    entry.writeUInt32LE(p.data.length, 20);
    entry.writeUInt32LE(p.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(entry, name);
    offset += 30 + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A row of inline-string cells from column A: `<row r="1"><c r="A1" t="inlineStr">…`. */
export function inlineRow(row: number, cells: (string | null)[]): string {
  const letters = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
  const xml = cells.map((v, i) => (v === null ? '' : `<c r="${letters(i)}${row}" t="inlineStr"><is><t>${escape(v)}</t></is></c>`)).join('');
  return `<row r="${row}">${xml}</row>`;
}

/** The parts every workbook has, around a sheet and (optionally) shared strings of your own. */
export function workbookParts(sheet: ZipPart | string, sharedStrings?: ZipPart | string): ZipPart[] {
  const rels = [`<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`];
  if (sharedStrings !== undefined) rels.push(`<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  return [
    part('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    part('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="人员" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    part('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`),
    typeof sheet === 'string' ? part('xl/worksheets/sheet1.xml', `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}">${sheet}</worksheet>`) : sheet,
    ...(sharedStrings === undefined ? [] : [typeof sharedStrings === 'string' ? part('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">${sharedStrings}</sst>`) : sharedStrings]),
  ];
}

/**
 * The issue's first bomb: shared strings of `count` texts of `mb` MB each (30 × 100 MB in a
 * 2.9 MB file). `declaredMb`: what the directory says the part unpacks to (default: the truth).
 */
export function sharedStringsBomb(count: number, mb: number, declaredMb?: number): Buffer {
  const megabyte = 'a'.repeat(MB);
  const pieces: { text: string; times?: number }[] = [{ text: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${count}" uniqueCount="${count}">` }];
  for (let i = 0; i < count; i++) pieces.push({ text: '<si><t>' }, { text: megabyte, times: mb }, { text: '</t></si>' });
  pieces.push({ text: '</sst>' });
  const strings = repeatedPart('xl/sharedStrings.xml', pieces, declaredMb === undefined ? undefined : declaredMb * MB);
  const cells = Array.from({ length: count }, (_, i) => `<c r="A${i + 1}" t="s"><v>${i}</v></c>`);
  return zip(workbookParts(`<sheetData>${cells.map((c, i) => `<row r="${i + 1}">${c}</row>`).join('')}</sheetData>`, strings));
}

/** A CSV body streamed in 1 MB pieces: the header line, then one line of `mb` MB (no line break). */
export async function* longLineCsv(header: string, mb: number): AsyncGenerator<Buffer> {
  yield Buffer.from(`${header}\r\n`);
  const piece = Buffer.alloc(MB, 'a');
  for (let i = 0; i < mb; i++) yield piece;
}
