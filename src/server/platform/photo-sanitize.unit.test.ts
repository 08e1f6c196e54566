// Images kept by GridGuard: type by content, metadata (GPS) gone, orientation kept, bombs refused;
// a drawn signature stays a PNG with its transparency.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { sanitizePhoto, sanitizeSignature, sniffImage } from './photo-sanitize.ts';

/** A phone photo: 64×32 JPEG carrying a GPS position, a camera model and a rotate-90° orientation. */
async function phonePhotoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 32, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'InventedPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 35/1 12/1', GPSLongitudeRef: 'E', GPSLongitude: '114/1 17/1 30/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('sanitizePhoto', () => {
  it('drops EXIF (GPS, camera) and bakes the orientation into the pixels', async () => {
    const input = await phonePhotoWithGps();
    const before = await sharp(input).metadata();
    expect(before.exif?.length).toBeGreaterThan(0);
    expect(before.exif?.includes(Buffer.from('InventedPhone'))).toBe(true);
    expect(before.orientation).toBe(6);
    // The GPS IFD pointer (tag 0x8825), in either byte order.
    expect(before.exif?.includes(Buffer.from([0x88, 0x25])) || before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true);

    const clean = await sanitizePhoto(input, 'photos[0]');
    const after = await sharp(clean.data).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(clean.data.includes(Buffer.from('InventedPhone'))).toBe(false);
    // Orientation 6 (rotate 90°): the stored photo is upright, so 32 wide and 64 high.
    expect([clean.width, clean.height]).toEqual([32, 64]);
    expect(after.orientation ?? 1).toBe(1);
  });

  it('shrinks a large photo to 2048 px on its long side', async () => {
    const big = await sharp({ create: { width: 4000, height: 1000, channels: 3, background: '#888' } }).png().toBuffer();
    const clean = await sanitizePhoto(big, 'photos[1]');
    expect([clean.width, clean.height]).toEqual([2048, 512]);
  });

  it('judges by the bytes: text named .jpg is refused with 415 naming the field', async () => {
    const err = await refusal(sanitizePhoto(Buffer.from('<script>alert(1)</script> not an image'), 'photos[2]'));
    expect(err.status).toBe(415);
    expect(err.message).toContain('photos[2]');
    expect(err.details?.[0]?.path).toBe('photos[2]');
  });

  it('refuses a file with image magic bytes that does not decode', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    expect(sniffImage(fake)).toBe('image/jpeg');
    const err = await refusal(sanitizePhoto(fake, 'photos[0]'));
    expect(err.status).toBe(415);
    expect(err.message).toMatch(/damaged|not a real image/);
  });

  it('refuses a decompression bomb by its pixel count before decoding it', async () => {
    // 10,000 × 10,000 of one colour compresses to a small PNG but would be 300 MB decoded.
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(2_000_000);
    const err = await refusal(sanitizePhoto(bomb, 'photos[0]'));
    expect(err.status).toBe(415);
    expect(err.message).toContain('too many pixels');
  });
});

describe('sanitizeSignature', () => {
  it('keeps ink on a transparent background as a PNG, pixel for pixel, without its metadata', async () => {
    // Half the strip transparent, half dark ink, as signature_pad draws it.
    const ink = Buffer.alloc(8 * 2 * 4);
    for (let i = 0; i < 8; i++) ink.set([20, 20, 60, 255], i * 4);
    const drawn = await sharp(ink, { raw: { width: 8, height: 2, channels: 4 } }).png().withExif({ IFD0: { Make: 'InventedPhone' } }).toBuffer();
    const clean = await sanitizeSignature(drawn, 'dataUrl');
    expect(clean.contentType).toBe('image/png');
    const meta = await sharp(clean.data).metadata();
    expect([meta.format, meta.hasAlpha, meta.exif]).toEqual(['png', true, undefined]);
    expect(await sharp(clean.data).raw().toBuffer()).toEqual(ink);
  });

  it('refuses what is not a PNG with 415 naming the field', async () => {
    const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).jpeg().toBuffer();
    const err = await refusal(sanitizeSignature(jpeg, 'dataUrl'));
    expect(err.status).toBe(415);
    expect(err.details).toEqual([{ path: 'dataUrl', message: 'not a PNG image' }]);
  });
});
