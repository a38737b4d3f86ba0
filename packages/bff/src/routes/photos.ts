/**
 * `GET /photos/{clinic|practitioner}/{id}?v={hash}&w={64|128}`: a clinic's or practitioner's photo
 * as an image (contract/photo-url.ts), taken from the cached system catalog and resized to the
 * widget's 1x or 2x box (no `w`: the whole picture). Catalog answers link here instead of carrying
 * base64. With the current `v` the answer never changes, so it is cached for a year as immutable;
 * without `v`, or with an old one, it is the current photo for as long as the catalog is fresh.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PHOTO_KINDS, PHOTO_VERSION_PARAM, PHOTO_WIDTH_PARAM, PHOTO_WIDTHS, type PhotoKind } from '@itb/shared';
import { fhirId } from '../fhir/schemas.js';
import { matchesEtag } from '../fhir/fhir-render.js';
import { rateLimitPerMinute } from '../plugins/security.js';

const YEAR_SECONDS = 31_536_000;

const params = z.object({
  kind: z.enum(PHOTO_KINDS as [PhotoKind, ...PhotoKind[]]),
  id: fhirId,
});
const widths = PHOTO_WIDTHS.map(String) as [string, ...string[]];
const query = z.object({
  [PHOTO_VERSION_PARAM]: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be the photo hash from the catalog').optional(),
  [PHOTO_WIDTH_PARAM]: z.enum(widths, { error: `must be one of ${widths.join(', ')}` }).optional(),
});

/** Photo route group. */
export async function photoRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/photos/:kind/:id', {
    config: rateLimitPerMinute(app.config.rateLimitCatalogPerMinute),
    schema: { params, querystring: query },
  }, async (request, reply) => {
    const width = request.query[PHOTO_WIDTH_PARAM];
    const photo = await app.photos.image(request.params.kind, request.params.id, width === undefined ? undefined : Number(width));
    const immutable = request.query[PHOTO_VERSION_PARAM] === photo.version;
    reply
      .header('ETag', photo.etag)
      .header('Cache-Control', immutable ? `public, max-age=${YEAR_SECONDS}, immutable` : `public, max-age=${photo.maxAgeSeconds}`)
      .header('X-Content-Type-Options', 'nosniff')
      // Opened on its own, an image gets no script and no other origin's resources.
      .header('Content-Security-Policy', "default-src 'none'; sandbox")
      // The widget runs on the clinic's pages, which may be another origin than the BFF (helmet's default is same-origin).
      .header('Cross-Origin-Resource-Policy', 'cross-origin');
    if (matchesEtag(request.headers['if-none-match'], photo.etag)) return reply.code(304).send();
    return reply.code(200).type(photo.contentType).send(photo.bytes);
  });
}
