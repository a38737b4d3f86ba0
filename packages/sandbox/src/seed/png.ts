/**
 * A minimal PNG encoder and rasteriser for the seed's pictures. ITB sends photos as raster images
 * (JPEG, PNG); the BFF serves only raster photos and refuses svg, so the sandbox's pictures are
 * drawn here as pixels: flat shapes, an anti-aliased disc and 5×7 bitmap initials. No dependency.
 * @module
 */
import { crc32, deflateSync } from 'node:zlib';

/** An RGB colour, 0–255 each. */
export type Rgb = readonly [number, number, number];

/** A width × height RGB canvas. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** `#rrggbb` → RGB. */
export function rgb(hex: string): Rgb {
  const value = Number.parseInt(hex.replace('#', ''), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** A canvas filled with `background`. */
export function canvas(width: number, height: number, background: Rgb): Canvas {
  const pixels = new Uint8Array(width * height * 3);
  for (let i = 0; i < pixels.length; i += 3) pixels.set(background, i);
  return { width, height, pixels };
}

function blend(c: Canvas, x: number, y: number, colour: Rgb, alpha: number): void {
  if (x < 0 || y < 0 || x >= c.width || y >= c.height || alpha <= 0) return;
  const at = (y * c.width + x) * 3;
  const a = Math.min(1, alpha);
  for (let k = 0; k < 3; k += 1) c.pixels[at + k] = Math.round(c.pixels[at + k]! * (1 - a) + colour[k]! * a);
}

/** Fill an axis-aligned rectangle. */
export function fillRect(c: Canvas, x: number, y: number, width: number, height: number, colour: Rgb): void {
  for (let row = y; row < y + height; row += 1) for (let col = x; col < x + width; col += 1) blend(c, col, row, colour, 1);
}

/** Fill a disc with a one-pixel anti-aliased edge. */
export function fillDisc(c: Canvas, cx: number, cy: number, radius: number, colour: Rgb): void {
  for (let y = Math.floor(cy - radius - 1); y <= cy + radius + 1; y += 1) {
    for (let x = Math.floor(cx - radius - 1); x <= cx + radius + 1; x += 1) {
      blend(c, x, y, colour, radius - Math.hypot(x + 0.5 - cx, y + 0.5 - cy) + 0.5);
    }
  }
}

// 5×7 capitals, one row per string; letters not here (digits, punctuation) are left out.
const GLYPHS: Readonly<Record<string, readonly string[]>> = {
  A: ['01110', '10001', '10001', '11111', '10001', '10001', '10001'], B: ['11110', '10001', '10001', '11110', '10001', '10001', '11110'],
  C: ['01111', '10000', '10000', '10000', '10000', '10000', '01111'], D: ['11110', '10001', '10001', '10001', '10001', '10001', '11110'],
  E: ['11111', '10000', '10000', '11110', '10000', '10000', '11111'], F: ['11111', '10000', '10000', '11110', '10000', '10000', '10000'],
  G: ['01111', '10000', '10000', '10011', '10001', '10001', '01111'], H: ['10001', '10001', '10001', '11111', '10001', '10001', '10001'],
  I: ['11111', '00100', '00100', '00100', '00100', '00100', '11111'], J: ['00111', '00010', '00010', '00010', '00010', '10010', '01100'],
  K: ['10001', '10010', '10100', '11000', '10100', '10010', '10001'], L: ['10000', '10000', '10000', '10000', '10000', '10000', '11111'],
  M: ['10001', '11011', '10101', '10101', '10001', '10001', '10001'], N: ['10001', '11001', '10101', '10011', '10001', '10001', '10001'],
  O: ['01110', '10001', '10001', '10001', '10001', '10001', '01110'], P: ['11110', '10001', '10001', '11110', '10000', '10000', '10000'],
  Q: ['01110', '10001', '10001', '10001', '10101', '10010', '01101'], R: ['11110', '10001', '10001', '11110', '10100', '10010', '10001'],
  S: ['01111', '10000', '10000', '01110', '00001', '00001', '11110'], T: ['11111', '00100', '00100', '00100', '00100', '00100', '00100'],
  U: ['10001', '10001', '10001', '10001', '10001', '10001', '01110'], V: ['10001', '10001', '10001', '10001', '10001', '01010', '00100'],
  W: ['10001', '10001', '10001', '10101', '10101', '10101', '01010'], X: ['10001', '10001', '01010', '00100', '01010', '10001', '10001'],
  Y: ['10001', '10001', '01010', '00100', '00100', '00100', '00100'], Z: ['11111', '00001', '00010', '00100', '01000', '10000', '11111'],
  Å: ['00100', '01110', '10001', '11111', '10001', '10001', '10001'], Ä: ['01010', '01110', '10001', '11111', '10001', '10001', '10001'],
  Ö: ['01010', '01110', '10001', '10001', '10001', '10001', '01110'], Ø: ['01111', '10011', '10101', '10101', '10101', '11001', '11110'],
  Æ: ['01111', '10100', '10100', '11111', '10100', '10100', '10111'],
};

/** Draw `text` (capitals) centred on (cx, cy), each font pixel `scale` px square. */
export function drawText(c: Canvas, text: string, cx: number, cy: number, scale: number, colour: Rgb): void {
  const letters = [...text.toUpperCase()].map((ch) => GLYPHS[ch]).filter((g): g is readonly string[] => g !== undefined);
  const advance = 6 * scale;
  const left = Math.round(cx - (letters.length * advance - scale) / 2);
  const top = Math.round(cy - (7 * scale) / 2);
  letters.forEach((glyph, index) => glyph.forEach((row, y) => [...row].forEach((bit, x) => {
    if (bit === '1') fillRect(c, left + index * advance + x * scale, top + y * scale, scale, scale, colour);
  })));
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** The canvas as PNG bytes (8-bit RGB, no filters). */
export function encodePng(c: Canvas): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(c.width, 0);
  header.writeUInt32BE(c.height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const stride = c.width * 3;
  const raw = Buffer.alloc((stride + 1) * c.height);
  for (let y = 0; y < c.height; y += 1) raw.set(c.pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
