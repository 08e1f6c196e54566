// An uploaded spreadsheet is written to disk as it arrives — never held in memory — sealed with
// the data key (AES-256-GCM), because it is full of ID and phone numbers. It stays until the
// job is done and its rejected rows have been downloaded or expired, so a crashed import can be
// rerun from it. File layout: "GGS1", key-id length, key id, 12-byte nonce, ciphertext, 16-byte tag.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import { pipeline } from 'node:stream';
import type { FieldCrypto } from '../../platform/crypto.ts';

const MAGIC = Buffer.from('GGS1');
const TAG = 16;

export class UploadTooLarge extends Error {}

export interface SealedUpload {
  ref: string;
  bytes: number;
  sha256: string;
  /** The first bytes of the plain file, to tell xlsx, xls and text apart. */
  head: Buffer;
}

export const uploadDir = (dataDir: string) => path.join(dataDir, 'imports');
const fileOf = (dataDir: string, ref: string) => path.join(uploadDir(dataDir), `${ref}.sealed`);

/** Streams `source` into a sealed file named `ref`; refuses beyond `maxBytes` and removes the part written. */
export async function sealUpload(crypto: FieldCrypto, dataDir: string, ref: string, source: Readable, maxBytes: number): Promise<SealedUpload> {
  fs.mkdirSync(uploadDir(dataDir), { recursive: true, mode: 0o700 });
  const target = fileOf(dataDir, ref);
  const { keyId, iv, cipher } = crypto.sealer();
  const hash = createHash('sha256');
  let bytes = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new UploadTooLarge());
      if (head.length < 4096) head = Buffer.concat([head, chunk.subarray(0, 4096 - head.length)]);
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const out = fs.createWriteStream(target, { mode: 0o600 });
  out.write(Buffer.concat([MAGIC, Buffer.from([keyId.length]), Buffer.from(keyId), iv]));
  try {
    await pipelineAsync(source, meter, cipher, out, { end: false } as never);
  } catch (err) {
    out.destroy();
    fs.rmSync(target, { force: true });
    throw err;
  }
  await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (err?: Error | null) => (err ? reject(err) : resolve())));
  return { ref, bytes, sha256: hash.digest('hex'), head };
}

export interface OpenedUpload {
  stream: Readable;
  /** Plain bytes in the file. */
  size: number;
  /** Plain bytes read so far: progress while a reader streams through it. */
  bytesRead(): number;
}

interface SealedHeader {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  /** Where the ciphertext starts in the file. */
  headerLength: number;
  /** Plain bytes in the file. */
  size: number;
}

function readSealedHeader(fd: number): SealedHeader {
  const header = Buffer.alloc(64);
  fs.readSync(fd, header, 0, 64, 0);
  if (!header.subarray(0, 4).equals(MAGIC)) throw new Error('not a sealed upload');
  const idLength = header[4] ?? 0;
  const keyId = header.subarray(5, 5 + idLength).toString();
  const iv = Buffer.from(header.subarray(5 + idLength, 17 + idLength));
  const headerLength = 17 + idLength;
  const total = fs.fstatSync(fd).size;
  const tag = Buffer.alloc(TAG);
  fs.readSync(fd, tag, 0, TAG, total - TAG);
  return { keyId, iv, tag, headerLength, size: total - headerLength - TAG };
}

function sealedHeaderOf(file: string): SealedHeader {
  const fd = fs.openSync(file, 'r');
  try {
    return readSealedHeader(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function openUpload(crypto: FieldCrypto, dataDir: string, ref: string): OpenedUpload {
  const file = fileOf(dataDir, ref);
  const { keyId, iv, tag, headerLength, size } = sealedHeaderOf(file);
  let read = 0;
  const decipher = crypto.opener(keyId, iv, tag);
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      read += chunk.length;
      done(null, chunk);
    },
  });
  const raw = fs.createReadStream(file, { start: headerLength, end: headerLength + size - 1, highWaterMark: 256 * 1024 });
  raw.on('error', (err) => counter.destroy(err));
  decipher.on('error', (err) => counter.destroy(err));
  raw.pipe(decipher).pipe(counter);
  return { stream: counter, size, bytesRead: () => read };
}

/** Reads the whole sealed upload once, which checks its tag: throws if a byte was changed. */
export async function verifyUpload(crypto: FieldCrypto, dataDir: string, ref: string): Promise<void> {
  const { stream } = openUpload(crypto, dataDir, ref);
  for await (const _chunk of stream);
}

/**
 * Random access to the plain bytes of a sealed upload, for a zip's central directory at its end
 * and then the parts it points to. Not authenticated by itself: verifyUpload first.
 */
export interface SealedRange {
  size: number;
  /** Plain bytes [position, position + length), read at once (zip headers: a few hundred bytes). */
  readAt(position: number, length: number): Buffer;
  /** Plain bytes [start, end) as a stream (a part's compressed data). */
  stream(start: number, end: number): Readable;
  close(): void;
}

export function openUploadRange(crypto: FieldCrypto, dataDir: string, ref: string): SealedRange {
  const file = fileOf(dataDir, ref);
  const fd = fs.openSync(file, 'r');
  let header: SealedHeader;
  try {
    header = readSealedHeader(fd);
  } catch (err) {
    fs.closeSync(fd);
    throw err;
  }
  const { keyId, iv, headerLength, size } = header;
  const BLOCK = 16;
  let open = true;
  return {
    size,
    readAt(position, length) {
      const block = Math.floor(position / BLOCK);
      const skip = position - block * BLOCK;
      const cipherText = Buffer.alloc(Math.min(length, size - position) + skip);
      const n = fs.readSync(fd, cipherText, 0, cipherText.length, headerLength + block * BLOCK);
      return crypto.rangeOpener(keyId, iv, block).update(cipherText.subarray(0, n)).subarray(skip);
    },
    stream(start, end) {
      const block = Math.floor(start / BLOCK);
      let skip = start - block * BLOCK;
      const raw = fs.createReadStream(file, { start: headerLength + block * BLOCK, end: headerLength + end - 1, highWaterMark: 64 * 1024 });
      const skipper = new Transform({
        transform(chunk: Buffer, _enc, done) {
          const out = skip ? chunk.subarray(Math.min(skip, chunk.length)) : chunk;
          skip = Math.max(0, skip - chunk.length);
          done(null, out);
        },
      });
      return pipeline(raw, crypto.rangeOpener(keyId, iv, block), skipper, () => undefined);
    },
    close() {
      if (open) fs.closeSync(fd);
      open = false;
    },
  };
}

export function removeUpload(dataDir: string, ref: string): void {
  fs.rmSync(fileOf(dataDir, ref), { force: true });
}

/** Plain bytes of a sealed upload (its file less the header and tag). */
export const uploadSize = (dataDir: string, ref: string): number => fs.statSync(fileOf(dataDir, ref)).size - 16;

/** Refs of the sealed files last written before `before` (ms): the orphan sweep checks who still names them. */
export function sealedUploadsBefore(dataDir: string, before: number): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(uploadDir(dataDir));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    if (!name.endsWith('.sealed')) return [];
    try {
      return fs.statSync(path.join(uploadDir(dataDir), name)).mtimeMs < before ? [name.slice(0, -'.sealed'.length)] : [];
    } catch {
      return [];
    }
  });
}

export const uploadExists = (dataDir: string, ref: string): boolean => fs.existsSync(fileOf(dataDir, ref));

/** What the first bytes say the upload is: a workbook, an old .xls, other binary, or text. */
export function sniffUpload(head: Buffer): 'xlsx' | 'xls' | 'binary' | 'text' {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0) return 'xls';
  // UTF-16 text (Excel's "Unicode text") starts with its BOM and is full of zero bytes.
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return 'text';
  if (head.includes(0)) return 'binary';
  return 'text';
}

/** The first `bytes` plain bytes of a sealed upload (a CSV's encoding and delimiter are told from them). */
export async function readUploadHead(crypto: FieldCrypto, dataDir: string, ref: string, bytes = 65_536): Promise<Buffer> {
  const opened = openUpload(crypto, dataDir, ref);
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of opened.stream) {
      parts.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= bytes) break;
    }
  } finally {
    opened.stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes);
}
