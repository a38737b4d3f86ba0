import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { avatar, clinicPhoto } from './images.js';
import { canvas, encodePng, fillRect, rgb } from './png.js';

/** The IHDR fields and the inflated scanlines of a PNG (enough to know a decoder will read it). */
function readPng(bytes: Buffer): { width: number; height: number; colourType: number; scanlines: Buffer } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  const idat = bytes.indexOf('IDAT', 0, 'latin1');
  const length = bytes.readUInt32BE(idat - 4);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25]!, scanlines: inflateSync(bytes.subarray(idat + 4, idat + 4 + length)) };
}

describe('seed pictures', () => {
  it('encodes a canvas as an RGB PNG whose scanlines hold its pixels', () => {
    const c = canvas(3, 2, rgb('#000000'));
    fillRect(c, 1, 1, 1, 1, rgb('#ff8000'));
    const png = readPng(encodePng(c));
    expect(png).toMatchObject({ width: 3, height: 2, colourType: 2 });
    expect([...png.scanlines]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 255, 128, 0, 0, 0, 0,
    ]);
  });

  it('draws clinic photos and avatars as PNGs larger than the widget\'s 2x photo box', () => {
    for (const picture of [clinicPhoto('#2f6f8f'), avatar('ÅE', '#2f6f8f')]) {
      expect(picture.contentType).toBe('image/png');
      const png = readPng(Buffer.from(picture.data, 'base64'));
      expect(Math.min(png.width, png.height)).toBeGreaterThan(128);
    }
  });
});
