// Real image bytes for upload tests: the server judges a photo by its bytes, so tests send
// genuine PNGs (tiny ones), not files that merely claim to be images.
import { crc32, deflateSync } from 'node:zlib';

/**
 * A real PNG, 2×2 pixels of the given grey (0–255): what a phone camera would hand over, only
 * smaller (browser tests check the shown image is 2 px wide). Different greys give different
 * bytes (and so different SHA-256 digests).
 */
export function aPng(grey = 128): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    // 2×2, 8-bit greyscale, no interlace.
    chunk('IHDR', Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0, 0])),
    // Two scanlines, each a filter byte 0 and two pixels.
    chunk('IDAT', deflateSync(Buffer.from([0, grey, grey, 0, grey, grey]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
