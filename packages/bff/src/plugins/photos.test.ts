import Fastify from 'fastify';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { indexOffersContext } from '@itb/shared';
import type { BffConfig } from '../config.js';
import type { CatalogSource } from './catalog-source.js';
import { createPhotos } from './photos.js';

const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><script>alert(1)</script></svg>').toString('base64');

/**
 * A BFF-shaped instance whose system catalog is `body`: ITB never sends svg, so no sandbox switch
 * makes it; the photo source only needs the cached catalog.
 */
async function photosOver(body: object) {
  const app = Fastify();
  app.decorate('config', { publicUrl: 'https://clinic.example/booking/' } as BffConfig);
  const source: CatalogSource = {
    read: async () => ({ body, loadedAt: 0, maxAgeSeconds: 60 }),
    systemCatalog: async () => ({ body, loadedAt: 0, maxAgeSeconds: 60, catalog: indexOffersContext(body) }),
  };
  app.decorate('catalogSource', source);
  return createPhotos(app);
}

describe('app.photos', () => {
  it('refuses an svg photo: no link in the catalog, not-found with the reason at its URL', async () => {
    const body = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'HealthcareService', id: 'hs-svg', name: 'S', photo: { contentType: 'image/png', data: SVG } } }] };
    const photos = await photosOver(body);
    expect(JSON.stringify(photos.linked(body))).not.toContain(SVG);
    await expect(photos.image('clinic', 'hs-svg', 64)).rejects.toMatchObject({ reason: 'not-found', diagnostics: expect.stringContaining('only png, jpeg, webp and gif') });
  });

  it('links under the public URL and serves the same bytes the link was made from', async () => {
    const png = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#8f4f2f' } }).png().toBuffer();
    const body = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'HealthcareService', id: 'hs:1', name: 'P', photo: { contentType: 'image/jpeg', data: png.toString('base64') } } }] };
    const photos = await photosOver(body);
    const linked = photos.linked(body) as { entry: [{ resource: { photo: { url: string; contentType: string } } }] };
    const { url, contentType } = linked.entry[0].resource.photo;
    // The type comes from the bytes, not the upstream label.
    expect(contentType).toBe('image/png');
    const served = await photos.image('clinic', 'hs:1', 128);
    expect(url).toBe(`https://clinic.example/booking/photos/clinic/hs%3A1?v=${served.version}`);
    expect((await sharp(served.bytes).metadata()).width).toBe(128);
  });
});
