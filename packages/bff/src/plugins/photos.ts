/**
 * Photos at their own URLs (`app.photos`, issue 14): catalog answers carry links instead of base64
 * (photos/photo-links.ts), and the photo route serves the bytes from the cached system catalog,
 * so a photo costs no upstream call of its own. Resized images are kept per instance, keyed by the
 * hash of the source bytes, so each photo is resized once per width.
 * @module
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { inlinePhotoOf, photoUrl, type PhotoKind } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import { withPhotoLinks, type PhotoLink } from '../photos/photo-links.js';
import { PHOTO_MEDIA_TYPE, renderPhoto, sniffPhotoFormat, type PhotoFormat } from '../photos/photo-image.js';

/** An image ready to send. */
export interface ServedPhoto {
  readonly bytes: Buffer;
  readonly contentType: string;
  /** Strong validator: a hash of exactly these bytes. */
  readonly etag: string;
  /** The source's version (the `v` its URL carries). */
  readonly version: string;
  /** Seconds the system catalog it came from stays fresh. */
  readonly maxAgeSeconds: number;
}

/** `app.photos`. */
export interface Photos {
  /** `body` with photo bytes replaced by links (memoised per upstream body: treat as immutable). */
  linked(body: unknown): unknown;
  /** The current photo of a clinic or practitioner, `width` px square (or whole); throws not-found. */
  image(kind: PhotoKind, id: string, width: number | undefined): Promise<ServedPhoto>;
}

declare module 'fastify' {
  interface FastifyInstance {
    photos: Photos;
  }
}

interface Source {
  readonly bytes: Buffer;
  /** Undefined: a type we do not serve (svg, unknown bytes). */
  readonly format: PhotoFormat | undefined;
  readonly version: string;
}

const MAX_RENDERED = 1000;

const hashOf = (bytes: Uint8Array, length: number): string => createHash('sha256').update(bytes).digest('base64url').slice(0, length);

function sourceOf(data: string): Source {
  const bytes = Buffer.from(data, 'base64');
  return { bytes, format: sniffPhotoFormat(bytes), version: hashOf(bytes, 12) };
}

/** Build `app.photos` on `app.catalogSource`. */
export function createPhotos(app: FastifyInstance): Photos {
  const base = app.config.publicUrl.replace(/\/+$/, '');
  const linkedBodies = new WeakMap<object, unknown>();
  const systemIndex = new WeakMap<object, Map<string, Source>>();
  const rendered = new Map<string, Promise<Omit<ServedPhoto, 'maxAgeSeconds'>>>();

  function link(kind: PhotoKind, id: string, data: string): PhotoLink | undefined {
    const source = sourceOf(data);
    return source.format === undefined ? undefined : { url: photoUrl(base, kind, id, source.version), contentType: PHOTO_MEDIA_TYPE[source.format] };
  }

  /** Photos of the active clinics and their practitioners, by `kind/id`, once per catalog load. */
  async function currentSources(): Promise<{ sources: Map<string, Source>; maxAgeSeconds: number }> {
    const system = await app.catalogSource.systemCatalog();
    const body = system.body as object;
    let sources = systemIndex.get(body);
    if (sources === undefined) {
      sources = new Map();
      const { catalog } = system;
      const entries = (body as { entry?: unknown }).entry;
      for (const entry of Array.isArray(entries) ? entries : []) {
        const resource = (entry as { resource?: { resourceType?: unknown; id?: unknown } } | null)?.resource;
        if (typeof resource?.id !== 'string') continue;
        const kind = resource.resourceType === 'HealthcareService' ? 'clinic' : resource.resourceType === 'PractitionerRole' ? 'practitioner' : undefined;
        if (kind === undefined) continue;
        // An inactive clinic is never served (spec §13.29), nor are its practitioners.
        const clinicId = kind === 'clinic' ? resource.id : catalog.practitioners.get(resource.id)?.clinicId;
        if (clinicId !== undefined && catalog.inactiveClinicIds.has(clinicId)) continue;
        const photo = inlinePhotoOf(resource, kind);
        if (photo !== undefined) sources.set(`${kind}/${resource.id}`, sourceOf(photo.data));
      }
      systemIndex.set(body, sources);
    }
    return { sources, maxAgeSeconds: system.maxAgeSeconds };
  }

  function render(source: Source & { format: PhotoFormat }, width: number | undefined): Promise<Omit<ServedPhoto, 'maxAgeSeconds'>> {
    const key = `${source.version}:${width ?? 'whole'}`;
    let pending = rendered.get(key);
    if (pending === undefined) {
      pending = renderPhoto(source.bytes, source.format, width).then((bytes) => ({
        bytes,
        contentType: PHOTO_MEDIA_TYPE[source.format],
        etag: `"${hashOf(bytes, 27)}"`,
        version: source.version,
      }));
      pending.catch(() => rendered.delete(key));
      if (rendered.size >= MAX_RENDERED) rendered.delete(rendered.keys().next().value as string);
      rendered.set(key, pending);
    }
    return pending;
  }

  return {
    linked(body) {
      if (typeof body !== 'object' || body === null) return body;
      let linked = linkedBodies.get(body);
      if (linked === undefined) {
        linked = withPhotoLinks(body, (kind, id, photo) => link(kind, id, photo.data));
        linkedBodies.set(body, linked);
      }
      return linked;
    },
    async image(kind, id, width) {
      const { sources, maxAgeSeconds } = await currentSources();
      const source = sources.get(`${kind}/${id}`);
      if (source === undefined) throw new OutcomeError('not-found', `There is no photo of this ${kind}.`);
      if (source.format === undefined) {
        throw new OutcomeError('not-found', `This ${kind}'s photo is not served: only png, jpeg, webp and gif photos are.`);
      }
      try {
        return { ...(await render({ ...source, format: source.format }, width)), maxAgeSeconds };
      } catch (error) {
        throw new OutcomeError('not-found', `This ${kind}'s photo could not be read as an image.`, { cause: error });
      }
    },
  };
}

/** Registers `app.photos` (needs `app.catalogSource`). */
export const photosPlugin = fp(async (app: FastifyInstance) => {
  app.decorate('photos', createPhotos(app));
}, { fastify: '5.x', name: 'itb-photos', dependencies: ['itb-catalog-source'] });
