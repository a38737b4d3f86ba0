/**
 * Photo URLs between the BFF and the browser. The BFF serves each clinic and practitioner photo
 * as an image at `GET {bff}/photos/{kind}/{id}?v={hash}&w={width}` instead of base64 inside the
 * catalog JSON (issue 14): the JSON stays small, the browser caches each image on its own, and a
 * host page needs no `img-src data:`. `v` is a short hash of the image bytes, so a changed photo
 * gets a new URL and an unchanged one may be cached for good.
 * @module
 */

/** Whose photo: a clinic (HealthcareService id) or a practitioner (PractitionerRole id). */
export type PhotoKind = 'clinic' | 'practitioner';

/** The photo kinds, for route schemas. */
export const PHOTO_KINDS: readonly PhotoKind[] = ['clinic', 'practitioner'];

/**
 * Widths (CSS px × device pixels) the BFF resizes to: 1x and 2x of the widget's largest photo box
 * (the clinic card's 4em at 16 px). Smaller boxes (3.5em, 2.5em) and 3x phones are covered by 128.
 * Any other width is refused, so a client cannot make the BFF resize to arbitrary sizes.
 */
export const PHOTO_WIDTHS = [64, 128] as const;

/** One of {@link PHOTO_WIDTHS}. */
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];

/** Query parameter carrying the image-bytes hash. */
export const PHOTO_VERSION_PARAM = 'v';
/** Query parameter carrying the width. */
export const PHOTO_WIDTH_PARAM = 'w';

const PHOTO_PATH = /\/photos\/(?:clinic|practitioner)\/[^/]+$/;

/**
 * The absolute URL of a photo under the BFF's public base URL (no trailing slash), without a width.
 * @example photoUrl('https://clinic.example/booking', 'clinic', 'hs-1', 'q3Xz9aB0') // → 'https://clinic.example/booking/photos/clinic/hs-1?v=q3Xz9aB0'
 */
export function photoUrl(publicBaseUrl: string, kind: PhotoKind, id: string, version: string): string {
  return `${publicBaseUrl}/photos/${kind}/${encodeURIComponent(id)}?${PHOTO_VERSION_PARAM}=${encodeURIComponent(version)}`;
}

/**
 * `photo` at `width` when it is a BFF photo URL; any other photo (a `data:` URL from an unchanged
 * upstream, an image elsewhere) is returned as it is, since only the BFF resizes.
 */
export function sizedPhotoUrl(photo: string, width: PhotoWidth): string {
  if (!photo.startsWith('http://') && !photo.startsWith('https://')) return photo;
  let url: URL;
  try {
    url = new URL(photo);
  } catch {
    return photo;
  }
  if (!PHOTO_PATH.test(url.pathname)) return photo;
  url.searchParams.set(PHOTO_WIDTH_PARAM, String(width));
  return url.href;
}

/** Is `photo` a BFF photo URL that {@link sizedPhotoUrl} can size? */
export function isSizablePhoto(photo: string): boolean {
  return sizedPhotoUrl(photo, PHOTO_WIDTHS[0]) !== photo;
}
