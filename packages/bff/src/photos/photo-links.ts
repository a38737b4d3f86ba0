/**
 * Takes photo bytes out of catalog answers: each inline clinic or practitioner photo becomes a
 * link to the BFF's image URL (contract/photo-url.ts), so the JSON stays small and a host page
 * needs no `img-src data:`. The answer stays valid FHIR and readable by @itb/shared (read-photo.ts):
 * - HealthcareService.photo: `data` removed, `url` = the absolute image URL, `contentType` = the
 *   type actually served (from the bytes, not the label);
 * - PractitionerRole `ext-binary-reference`: `valueReference` = `{ reference: <image URL>, type: 'Binary' }`;
 * - a contained Binary that held the bytes goes once nothing else in the resource points at it.
 * A photo the BFF will not serve (svg, unreadable bytes) is dropped rather than left as base64.
 * Pure: the caller decides the URL (and hashes the bytes) through `link`.
 * @module
 */
import { EXT, inlinePhotoOf, isExtension, type InlinePhoto, type PhotoKind } from '@itb/shared';

/** Where a served photo lives, or undefined when it is not served. */
export interface PhotoLink {
  readonly url: string;
  readonly contentType: string;
}

/** Decides the link for one resource's photo. */
export type LinkPhoto = (kind: PhotoKind, id: string, photo: InlinePhoto) => PhotoLink | undefined;

type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

function withoutBinary(resource: Loose, binaryId: string | undefined): Loose {
  if (binaryId === undefined || !Array.isArray(resource.contained)) return resource;
  const others = resource.contained.filter((c) => !(isRecord(c) && c.resourceType === 'Binary' && c.id === binaryId));
  const { contained: _all, ...rest } = resource;
  // dom-3: a contained resource must be referenced; if something else still is, keep the Binary.
  if (JSON.stringify(rest).includes(`"#${binaryId}"`)) return resource;
  return others.length === 0 ? rest : { ...rest, contained: others };
}

function linkClinic(hs: Loose, link: LinkPhoto): Loose {
  const photo = inlinePhotoOf(hs, 'clinic');
  if (photo === undefined || typeof hs.id !== 'string') return hs;
  const target = link('clinic', hs.id, photo);
  const { data: _bytes, url: _url, size: _size, hash: _hash, ...attachment } = hs.photo as Loose;
  const { photo: _photo, ...rest } = hs;
  const linked = target === undefined ? rest : { ...rest, photo: { ...attachment, contentType: target.contentType, url: target.url } };
  return withoutBinary(linked, photo.binaryId);
}

function linkPractitioner(role: Loose, link: LinkPhoto): Loose {
  const photo = inlinePhotoOf(role, 'practitioner');
  if (photo === undefined || typeof role.id !== 'string' || !Array.isArray(role.extension)) return role;
  const target = link('practitioner', role.id, photo);
  const reference = `#${photo.binaryId ?? ''}`;
  const extension = role.extension.flatMap((e: unknown) => {
    if (!isRecord(e) || typeof e.url !== 'string' || !isExtension(e.url, EXT.binaryReference)) return [e];
    if (!isRecord(e.valueReference) || e.valueReference.reference !== reference) return [e];
    return target === undefined ? [] : [{ ...e, valueReference: { reference: target.url, type: 'Binary' } }];
  });
  return withoutBinary({ ...role, extension }, photo.binaryId);
}

function linkResource(resource: unknown, link: LinkPhoto): unknown {
  if (!isRecord(resource)) return resource;
  if (resource.resourceType === 'HealthcareService') return linkClinic(resource, link);
  if (resource.resourceType === 'PractitionerRole') return linkPractitioner(resource, link);
  return resource;
}

/**
 * `body` (a Bundle or one resource) with every inline clinic and practitioner photo replaced by
 * its link. Never mutates `body`; unchanged entries are shared with it.
 */
export function withPhotoLinks(body: unknown, link: LinkPhoto): unknown {
  if (!isRecord(body)) return body;
  if (body.resourceType !== 'Bundle') return linkResource(body, link);
  if (!Array.isArray(body.entry)) return body;
  const entry = body.entry.map((e: unknown) => {
    if (!isRecord(e)) return e;
    const resource = linkResource(e.resource, link);
    return resource === e.resource ? e : { ...e, resource };
  });
  return { ...body, entry };
}
