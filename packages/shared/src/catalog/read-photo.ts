/**
 * Photos in catalog resources, in the two forms the widget may receive: straight from ITB (base64
 * bytes: an inline Attachment or a contained Binary; spec §7.2, §7.5) and from the BFF, which takes
 * the bytes out and points at its own image URL instead (contract/photo-url.ts):
 * - clinic: `HealthcareService.photo` = `{ contentType, url: 'https://…/photos/clinic/{id}?v=…' }`;
 * - practitioner: `ext-binary-reference.valueReference` = `{ reference: 'https://…/photos/practitioner/{id}?v=…', type: 'Binary' }`
 *   (an absolute reference to the Binary's content; the contained Binary is gone).
 * Clinic data is untrusted, so only image media types become a `data:` URL and only http(s)
 * addresses become a photo URL.
 * @module
 */
import { findExtension, isRecord, stringOf } from '../fhir/extensions.js';
import { resolveContained } from '../fhir/references.js';
import { safeHttpUrl } from '../fhir/safe-url.js';
import { EXT } from '../fhir/urls.js';

const SAFE_MEDIA_TYPE = /^image\/[a-z0-9.+-]+$/i;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/**
 * A `data:` URL from an inline attachment or Binary (`contentType` + base64 `data`). Only image
 * types are accepted, so a hostile payload cannot smuggle e.g. `text/html` into an `<img>` source.
 */
export function imageDataUrl(attachment: unknown): string | undefined {
  if (!isRecord(attachment)) return undefined;
  const type = stringOf(attachment.contentType);
  const data = stringOf(attachment.data);
  if (type === undefined || data === undefined || !SAFE_MEDIA_TYPE.test(type) || !BASE64.test(data)) return undefined;
  return `data:${type.toLowerCase()};base64,${data.replace(/\s+/g, '')}`;
}

/** An http(s) image address; a declared non-image `contentType` refuses it. */
function imageAddress(value: unknown, contentType: unknown): string | undefined {
  const type = stringOf(contentType);
  if (type !== undefined && !SAFE_MEDIA_TYPE.test(type)) return undefined;
  return safeHttpUrl(value);
}

/** A clinic's photo: inline bytes, a contained Binary (`url: '#id'`) or an http(s) image URL. */
export function clinicPhoto(hs: unknown): string | undefined {
  if (!isRecord(hs)) return undefined;
  const photo = hs.photo;
  if (!isRecord(photo)) return undefined;
  const url = stringOf(photo.url);
  if (url?.startsWith('#') === true) return imageDataUrl(photo) ?? imageDataUrl(resolveContained(hs, url));
  return imageDataUrl(photo) ?? imageAddress(url, photo.contentType);
}

/** A practitioner's photo: `ext-binary-reference` to a contained Binary, or an absolute http(s) reference. */
export function practitionerPhoto(role: unknown): string | undefined {
  const extension = findExtension(role, EXT.binaryReference);
  const reference = isRecord(extension) ? extension.valueReference : undefined;
  const contained = resolveContained(role, reference);
  if (contained !== undefined) return imageDataUrl(contained);
  return isRecord(reference) ? imageAddress(reference.reference, undefined) : undefined;
}

/** Photo bytes as ITB sends them: base64 `data` with its `contentType`, and where they sit. */
export interface InlinePhoto {
  readonly contentType: string;
  /** Base64, whitespace removed. */
  readonly data: string;
  /** The contained Binary's id when the bytes sit in one (else they are inline in the attachment). */
  readonly binaryId?: string;
}

function inline(holder: unknown, binaryId: string | undefined): InlinePhoto | undefined {
  if (!isRecord(holder)) return undefined;
  const contentType = stringOf(holder.contentType);
  const data = stringOf(holder.data);
  if (contentType === undefined || data === undefined || !BASE64.test(data)) return undefined;
  return { contentType: contentType.toLowerCase(), data: data.replace(/\s+/g, ''), ...(binaryId === undefined ? {} : { binaryId }) };
}

/**
 * The inline photo bytes of a HealthcareService (`kind` clinic) or PractitionerRole (`kind`
 * practitioner), wherever ITB put them; undefined when there are none (or only a URL). The media
 * type is not checked here: whoever serves the bytes decides which types it accepts.
 */
export function inlinePhotoOf(resource: unknown, kind: 'clinic' | 'practitioner'): InlinePhoto | undefined {
  if (!isRecord(resource)) return undefined;
  if (kind === 'clinic') {
    const photo = resource.photo;
    if (!isRecord(photo)) return undefined;
    const url = stringOf(photo.url);
    const contained = url?.startsWith('#') === true ? resolveContained(resource, url) : undefined;
    return inline(photo, undefined) ?? (contained === undefined ? undefined : inline(contained, stringOf(contained.id)));
  }
  const extension = findExtension(resource, EXT.binaryReference);
  const contained = resolveContained(resource, isRecord(extension) ? extension.valueReference : undefined);
  return contained === undefined ? undefined : inline(contained, stringOf(contained.id));
}
