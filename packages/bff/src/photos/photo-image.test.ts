import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderPhoto, sniffPhotoFormat } from './photo-image.js';

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><script>alert(1)</script><rect width="300" height="300"/></svg>');

async function square(format: 'png' | 'jpeg' | 'webp' | 'gif', size = 300): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 3, background: '#2f6f8f' } }).toFormat(format).toBuffer();
}

describe('photo images', () => {
  it('knows png, jpeg, webp and gif by their bytes, and nothing else', async () => {
    for (const format of ['png', 'jpeg', 'webp', 'gif'] as const) expect(sniffPhotoFormat(await square(format, 8))).toBe(format);
    for (const other of [SVG, Buffer.from('<html>'), Buffer.alloc(0), Buffer.from('RIFF0000AVI ')]) expect(sniffPhotoFormat(other)).toBeUndefined();
  });

  it('resizes to a width × width square in the same format, never enlarging', async () => {
    for (const format of ['png', 'jpeg', 'webp', 'gif'] as const) {
      const meta = await sharp(await renderPhoto(await square(format), format, 128)).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format, width: 128, height: 128 });
    }
    expect((await sharp(await renderPhoto(await square('png', 40), 'png', 128)).metadata()).width).toBe(40);
  });

  it('refuses bytes that do not decode as the format their signature claimed (an svg behind a png label)', async () => {
    await expect(renderPhoto(SVG, 'png', 64)).rejects.toThrow(/svg/);
    await expect(renderPhoto(await square('jpeg'), 'png', 64)).rejects.toThrow(/jpeg/);
  });

  it('drops metadata such as EXIF', async () => {
    const withExif = await sharp(await square('jpeg')).withExif({ IFD0: { Copyright: 'Kliniken' } }).jpeg().toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    expect((await sharp(await renderPhoto(withExif, 'jpeg', 64)).metadata()).exif).toBeUndefined();
  });
});
