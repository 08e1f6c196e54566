// The zip layer of an .xlsx, through yauzl, so a zip bomb is refused before it is inflated:
//   - the central directory is read first: the number of entries, each entry's declared
//     unpacked size and their sum are checked against the limits before any byte is inflated;
//   - then only the parts the reader asks for are inflated (zlib, 16 KB at a time, as fast as
//     the parser takes them), metered while they stream: yauzl stops a part at the size its
//     directory declared, so a lying directory cannot unpack more than the limits allowed;
//   - nothing is unpacked recursively: a zip stored inside the workbook (an embedded object, or
//     a zip where a sheet should be) is an entry like any other, never opened as a zip.
// The source is the sealed upload read at random (its central directory is at its end), or a
// buffer (the territory import's upload, 20 MB at most).
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { SpreadsheetLimits } from '../../../shared/import-limits.ts';
import { ImportRefusal, refuse } from './import-refusal.ts';
import type { SealedRange } from './sealed-upload.ts';

export type ZipLimits = Pick<SpreadsheetLimits, 'zipEntries' | 'unpackedMb' | 'partMb'>;

const MB = 1_048_576;
const damaged = (part: string) => refuse('FILE_DAMAGED', { part });

/** yauzl's random-access reader over a sealed upload: headers read at once, part data streamed. */
class SealedZipReader extends yauzl.RandomAccessReader {
  constructor(private readonly range: SealedRange) {
    super();
  }
  override _readStreamForRange(start: number, end: number): Readable {
    return this.range.stream(start, end);
  }
  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    try {
      const plain = this.range.readAt(position, length);
      plain.copy(buffer, offset);
      setImmediate(() => callback(null, plain.length));
    } catch (err) {
      setImmediate(() => callback(err as Error));
    }
  }
  override close(callback: (err: Error | null) => void): void {
    this.range.close();
    setImmediate(() => callback(null));
  }
}

export class WorkbookZip {
  /** Bytes inflated so far, of every part read: the reading's progress. */
  inflatedBytes = 0;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
    private readonly limits: ZipLimits,
    /** The declared unpacked size of every entry together. */
    readonly unpackedBytes: number,
  ) {}

  static fromBuffer(buffer: Buffer, limits: ZipLimits): Promise<WorkbookZip> {
    return WorkbookZip.open(() => yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false }), limits);
  }

  static fromSealed(range: SealedRange, limits: ZipLimits): Promise<WorkbookZip> {
    return WorkbookZip.open(() => yauzl.fromRandomAccessReaderPromise(new SealedZipReader(range), range.size, { lazyEntries: true, autoClose: false }), limits, () => range.close());
  }

  private static async open(opener: () => Promise<yauzl.ZipFile>, limits: ZipLimits, onFail?: () => void): Promise<WorkbookZip> {
    let zip: yauzl.ZipFile | null = null;
    try {
      zip = await opener().catch(() => {
        throw damaged('zip directory');
      });
      if (zip.entryCount > limits.zipEntries) throw refuse('FILE_TOO_MANY_PARTS', { max: limits.zipEntries });
      const entries = new Map<string, yauzl.Entry>();
      let total = 0;
      for await (const entry of eachEntry(zip)) {
        if (entry.uncompressedSize > limits.partMb * MB) throw refuse('PART_TOO_LARGE_UNPACKED', { part: entry.fileName, max: limits.partMb });
        total += entry.uncompressedSize;
        if (total > limits.unpackedMb * MB) throw refuse('FILE_TOO_LARGE_UNPACKED', { max: limits.unpackedMb });
        // The first of two entries with one name wins, as in Excel.
        if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
      }
      return new WorkbookZip(zip, entries, limits, total);
    } catch (err) {
      zip?.close();
      if (!zip) onFail?.();
      throw err;
    }
  }

  /**
   * At upload: the directory against the limits (a refusal is thrown, to be the answer), and
   * whether the zip is an Excel workbook at all. Nothing is inflated.
   */
  static async inspect(opening: Promise<WorkbookZip>): Promise<{ workbook: boolean; unpackedBytes: number }> {
    const zip = await opening;
    try {
      return { workbook: zip.has('xl/workbook.xml'), unpackedBytes: zip.unpackedBytes };
    } finally {
      zip.close();
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The part's bytes as they inflate, never more than its declared size nor the part limit. */
  async *read(name: string): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) throw damaged(name);
    const limit = Math.min(entry.uncompressedSize, this.limits.partMb * MB);
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch {
      throw damaged(name); // an unknown compression method, an encrypted entry, a bad header
    }
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        this.inflatedBytes += chunk.length;
        // yauzl stops at the declared size too; this is the count we rely on.
        if (bytes > limit) throw damaged(name);
        yield chunk;
      }
    } catch (err) {
      if (err instanceof ImportRefusal) throw err;
      throw damaged(name); // a broken deflate stream, or more bytes than the directory said
    } finally {
      stream.destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** yauzl's entries one at a time (lazyEntries), as an async iterable. */
async function* eachEntry(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  for (;;) {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const onEntry = (e: yauzl.Entry) => done(null, e);
      const onEnd = () => done(null, null);
      const onError = (err: Error) => done(err, null);
      const done = (err: Error | null, e: yauzl.Entry | null) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        if (err) reject(err);
        else resolve(e);
      };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    }).catch(() => {
      throw damaged('zip directory');
    });
    if (!entry) return;
    yield entry;
  }
}
