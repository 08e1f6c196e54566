// Draws the app's icons (the brand mark: four white squares on blue) into public/icons/ as PNG
// and SVG, with nothing but node:zlib: `node scripts/make-icons.mjs`. The output is committed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const OUT = path.resolve(import.meta.dirname, '../public/icons');
const BLUE = [0x1f, 0x5f, 0xbf];
const WHITE = [0xff, 0xff, 0xff];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The mark in a unit square: rounded blue tile (or full bleed for maskable), 2×2 white squares. */
function mark(size, { maskable }) {
  const radius = maskable ? 0 : 0.19 * size;
  // Maskable icons keep their content inside the central 80 % safe zone.
  const inset = maskable ? 0.3 : 0.22;
  const gap = 0.06;
  const cell = (1 - 2 * inset - gap) / 2;
  return (px, py) => {
    const x = px / size;
    const y = py / size;
    if (radius) {
      const cx = Math.min(Math.max(px, radius), size - radius);
      const cy = Math.min(Math.max(py, radius), size - radius);
      if ((px - cx) ** 2 + (py - cy) ** 2 > radius ** 2) return [0, 0, 0, 0];
    }
    const inCell = (v) => (v >= inset && v <= inset + cell) || (v >= inset + cell + gap && v <= 1 - inset);
    return [...(inCell(x) && inCell(y) ? WHITE : BLUE), 255];
  };
}

fs.mkdirSync(OUT, { recursive: true });
for (const size of [192, 512]) {
  fs.writeFileSync(path.join(OUT, `icon-${size}.png`), png(size, mark(size, { maskable: false })));
  fs.writeFileSync(path.join(OUT, `maskable-${size}.png`), png(size, mark(size, { maskable: true })));
}
fs.writeFileSync(path.join(OUT, 'apple-touch-icon.png'), png(180, mark(180, { maskable: true })));
fs.writeFileSync(
  path.join(OUT, 'icon.svg'),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f5fbf"/><path d="M7 7h8.1v8.1H7zM16.9 7H25v8.1h-8.1zM7 16.9h8.1V25H7zM16.9 16.9H25V25h-8.1z" fill="#fff"/></svg>\n`,
);
console.log(`icons written to ${OUT}`);
