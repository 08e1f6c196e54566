// Real image bytes for upload tests: the server judges a photo by its bytes, so tests send
// genuine images (tiny ones), not files that merely claim to be images — and the hostile ones
// it must refuse or clean: a pixel bomb, an image with HTML after it, a photo with GPS in it.
import { crc32, createDeflate, deflateSync } from 'node:zlib';
import sharp from 'sharp';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/**
 * A real PNG, 2×2 pixels of the given grey (0–255): what a phone camera would hand over, only
 * smaller (browser tests check the shown image is 2 px wide). Different greys give different
 * bytes (and so different SHA-256 digests).
 */
export function aPng(grey = 128): Buffer {
  return Buffer.concat([
    PNG_SIGNATURE,
    // 2×2, 8-bit greyscale, no interlace.
    pngChunk('IHDR', Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0])),
    // Two scanlines, each a filter byte 0 and two pixels.
    pngChunk('IDAT', deflateSync(Buffer.from([0, grey, grey, 0, grey, grey]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const bombs = new Map<string, Promise<Buffer>>();

/**
 * A real PNG of width × height black pixels (1 bit each, every row deflated): 50,000 × 50,000
 * is 2.5 billion pixels — 10 GB once decoded to RGBA — in about 300 KB. Built once per size.
 */
export function aPngBomb(width = 50_000, height = width): Promise<Buffer> {
  const key = `${width}x${height}`;
  let bomb = bombs.get(key);
  if (!bomb) bombs.set(key, (bomb = buildBomb(width, height)));
  return bomb;
}

async function buildBomb(width: number, height: number): Promise<Buffer> {
  const row = Math.ceil(width / 8) + 1; // a filter byte, then 8 pixels a byte
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const rowsPerWrite = Math.max(1, Math.floor(4_000_000 / row));
  for (let left = height; left > 0; left -= rowsPerWrite) deflate.write(Buffer.alloc(row * Math.min(rowsPerWrite, left)));
  deflate.end();
  await done;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth 1, colour type 0 (grey), deflate, adaptive filters, no interlace
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk('IDAT', Buffer.concat(chunks)), pngChunk('IEND', Buffer.alloc(0))]);
}

export const HOSTILE_HTML = '<html><body><script>fetch("/api/v1/me").then(r=>r.text()).then(alert)</script></body></html>';
/** The image with an HTML page after its last byte: what a polyglot upload looks like. */
export const withHtmlAfter = (image: Buffer): Buffer => Buffer.concat([image, Buffer.from(HOSTILE_HTML)]);

/**
 * A phone photo, 48×32: a JPEG, or a PNG with an alpha channel (as a signature pad gives it),
 * carrying a camera model and a GPS position in its EXIF and XMP blocks.
 */
export function aPhotoWithGps(format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const image = sharp({ create: { width: 48, height: 32, channels: format === 'png' ? 4 : 3, background: { r: 51, g: 170, b: 119, alpha: 0.5 } } });
  return (format === 'png' ? image.png() : image.jpeg())
    .withExif({
      IFD0: { Make: 'InventedPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 35/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 17/1 30/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="30,35.2N"/></rdf:RDF></x:xmpmeta>')
    .toBuffer();
}
