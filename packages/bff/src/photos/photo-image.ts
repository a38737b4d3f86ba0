/**
 * Photo bytes → the image we serve. Only png, jpeg, webp and gif are served, decided from the
 * bytes themselves (an upstream label is not trusted): never svg, which can carry script when
 * opened from our origin. Every image is decoded and encoded again by sharp (libvips), which also
 * drops metadata such as an EXIF location.
 * @module
 */
import sharp from 'sharp';

/** The formats served. */
export type PhotoFormat = 'png' | 'jpeg' | 'webp' | 'gif';

/** The Content-Type of each served format. */
export const PHOTO_MEDIA_TYPE: Readonly<Record<PhotoFormat, string>> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
};

// A photo of a few thousand pixels square is plenty; a bigger one is refused before decoding it all.
const MAX_INPUT_PIXELS = 25_000_000;

const startsWith = (bytes: Uint8Array, at: number, ascii: string): boolean =>
  [...ascii].every((char, i) => bytes[at + i] === char.charCodeAt(0));

/** The served format `bytes` are in (by their signature), else undefined. */
export function sniffPhotoFormat(bytes: Uint8Array): PhotoFormat | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && startsWith(bytes, 1, 'PNG\r\n\x1a\n')) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 6 && (startsWith(bytes, 0, 'GIF87a') || startsWith(bytes, 0, 'GIF89a'))) return 'gif';
  if (bytes.length >= 12 && startsWith(bytes, 0, 'RIFF') && startsWith(bytes, 8, 'WEBP')) return 'webp';
  return undefined;
}

/**
 * `bytes` (in `format`) as a `width` × `width` square, cropped to cover like the widget's
 * `object-fit: cover` boxes, never enlarged; the whole picture when `width` is undefined.
 * Rejects when the bytes do not decode as `format`.
 */
export async function renderPhoto(bytes: Buffer, format: PhotoFormat, width: number | undefined): Promise<Buffer> {
  const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
  const { format: decoded } = await image.metadata();
  // sharp would happily rasterise an svg (or anything libvips reads) behind a png signature.
  if (decoded !== format) throw new Error(`photo bytes decode as ${String(decoded)}, not ${format}`);
  // rotate() applies the EXIF orientation before the metadata is dropped.
  const sized = width === undefined ? image.rotate() : image.rotate().resize(width, width, { fit: 'cover', withoutEnlargement: true });
  switch (format) {
    case 'jpeg': return sized.jpeg({ quality: 80, mozjpeg: true }).toBuffer();
    case 'webp': return sized.webp({ quality: 80 }).toBuffer();
    case 'png': return sized.png({ compressionLevel: 9 }).toBuffer();
    case 'gif': return sized.gif().toBuffer();
  }
}
