// Every image GridGuard keeps — photos from the public, notice images, patrol and evidence
// photos, scans of signed forms, signatures drawn on a phone — is judged by its bytes, decoded
// and written anew by sharp, at most 2048 px a side. Writing anew keeps only the pixels: every
// metadata block (EXIF with its GPS position, XMP, IPTC, comments) and whatever was appended
// after the image data (an HTML page, a script) is gone. Decoding also refuses files that only
// look like images, and a pixel cap refuses decompression bombs from their header, before their
// pixels fill the memory.
import sharp, { type Sharp } from 'sharp';
import { AppError } from './errors.ts';

const MAX_SIDE = 2048;
/** 40 megapixels: more than a phone's usual 12 MP photo or an A4 page scanned at 600 dpi (35 MP), far less than a bomb. */
export const MAX_INPUT_PIXELS = 40_000_000;

export type PhotoKind = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type the bytes say, whatever the file's name or the declared type. */
export function sniffImage(b: Buffer): PhotoKind | null {
  if (b.length > 24 && b[0] === 0x89 && b.subarray(1, 4).toString('latin1') === 'PNG' && b.subarray(12, 16).toString('latin1') === 'IHDR') return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 16 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export interface CleanImage<T extends 'image/jpeg' | 'image/png'> {
  data: Buffer;
  contentType: T;
  width: number;
  height: number;
}
export type CleanPhoto = CleanImage<'image/jpeg'>;

/**
 * Decodes `data` (already judged to be an image by its bytes) and writes it again through
 * `encode`. Refuses with 415 naming `path` what has too many pixels or does not decode.
 */
async function rewrite<T extends 'image/jpeg' | 'image/png'>(data: Buffer, path: string, contentType: T, encode: (image: Sharp) => Sharp): Promise<CleanImage<T>> {
  try {
    const image = sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
      .rotate() // apply the EXIF orientation before the EXIF block is dropped
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const { data: out, info } = await encode(image).toBuffer({ resolveWithObject: true });
    return { data: out, contentType, width: info.width, height: info.height };
  } catch (err) {
    const text = err instanceof Error ? err.message : '';
    const tooBig = /pixel limit/i.test(text);
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      tooBig ? `${path}: the image has too many pixels (at most ${MAX_INPUT_PIXELS / 1_000_000} million)` : `${path}: the image is damaged or not a real image`,
      [{ path, message: tooBig ? 'too many pixels' : 'cannot be decoded' }],
    );
  }
}

/**
 * The photo at `path` (e.g. `photos[2]` or `file`, named in errors) as a clean JPEG. Refuses with
 * 415 what is not a JPEG, PNG or WebP image by its bytes, or does not decode.
 */
export async function sanitizePhoto(data: Buffer, path: string): Promise<CleanPhoto> {
  if (!sniffImage(data)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${path}: a photo must be a JPEG, PNG or WebP image`, [{ path, message: 'not a JPEG, PNG or WebP image' }]);
  }
  return rewrite(data, path, 'image/jpeg', (image) =>
    image
      .flatten({ background: '#ffffff' }) // a transparent PNG becomes white, not black
      .jpeg({ quality: 82 }),
  );
}

/**
 * A signature drawn on a phone (signature_pad's PNG) as a clean PNG: ink on a transparent
 * background, which a JPEG would lose, so it stays a PNG with its alpha channel. Refuses with
 * 415 what is not a PNG by its bytes, or does not decode.
 */
export async function sanitizeSignature(data: Buffer, path: string): Promise<CleanImage<'image/png'>> {
  if (sniffImage(data) !== 'image/png') throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${path}: the image is not a PNG`, [{ path, message: 'not a PNG image' }]);
  return rewrite(data, path, 'image/png', (image) => image.png({ compressionLevel: 9 }));
}
