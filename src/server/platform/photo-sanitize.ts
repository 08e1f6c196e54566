// Photos from the public and for notices: judged by their bytes, decoded, turned upright and
// written again as a JPEG of at most 2048 px a side. Writing anew drops every metadata block
// (EXIF with its GPS position, XMP, IPTC, ICC comments): sharp keeps none unless asked to.
// Decoding also refuses files that only look like images, and a pixel cap refuses
// decompression bombs before they fill the memory.
import sharp from 'sharp';
import { AppError } from './errors.ts';

const MAX_SIDE = 2048;
/** About 40 megapixels: more than any phone camera, far less than a bomb. */
const MAX_INPUT_PIXELS = 40_000_000;

export type PhotoKind = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type the bytes say, whatever the file's name or the declared type. */
export function sniffImage(b: Buffer): PhotoKind | null {
  if (b.length > 24 && b[0] === 0x89 && b.subarray(1, 4).toString('latin1') === 'PNG' && b.subarray(12, 16).toString('latin1') === 'IHDR') return 'image/png';
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 16 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

export interface CleanPhoto {
  data: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

/**
 * The photo at `path` (e.g. `photos[2]`, named in errors) as a clean JPEG. Refuses with 415 what
 * is not a JPEG, PNG or WebP image by its bytes, or does not decode.
 */
export async function sanitizePhoto(data: Buffer, path: string): Promise<CleanPhoto> {
  if (!sniffImage(data)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${path}: a photo must be a JPEG, PNG or WebP image`, [{ path, message: 'not a JPEG, PNG or WebP image' }]);
  }
  try {
    const { data: out, info } = await sharp(data, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false })
      .rotate() // apply the EXIF orientation before the EXIF block is dropped
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' }) // a transparent PNG becomes white, not black
      .jpeg({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data: out, contentType: 'image/jpeg', width: info.width, height: info.height };
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
