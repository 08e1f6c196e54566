// Photos shrunk on the phone before upload: a 12-megapixel picture is 4–8 MB, minutes on a weak
// 3G signal; at most 1600 px as JPEG q0.8 it is ~300 KB. Redrawing through a canvas also drops
// the EXIF block (GPS position included) before anything leaves the phone; the server strips it
// again whatever arrives.

const MAX_SIDE = 1600;
const QUALITY = 0.8;

function loadImage(file: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const img = new Image();
    // <img> applies the EXIF orientation, so the drawn pixels stand the right way up.
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('not an image the browser can read'));
    };
    img.src = url;
  });
}

/**
 * The photo as a JPEG of at most 1600 px. A file the browser cannot decode (HEIC on some
 * phones) is sent as it is: the server judges it by content and names it if it refuses.
 */
export async function shrinkPhoto(file: File): Promise<Blob> {
  let img: HTMLImageElement;
  try {
    img = await loadImage(file);
  } catch {
    return file;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight));
  const width = Math.max(1, Math.round(img.naturalWidth * scale));
  const height = Math.max(1, Math.round(img.naturalHeight * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return file;
  // A transparent PNG would turn black in a JPEG.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  return blob ?? file;
}
