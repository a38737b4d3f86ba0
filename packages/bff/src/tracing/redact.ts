/**
 * What a span may say about a request's URL. URLs carry personal data in their queries (the BFF's
 * own: `returnTo`, campaign codes, FHIR search parameters; ITB's: search parameters, and whatever a
 * future call puts there), so span URLs keep the path only. Paths hold resource ids at most.
 * @module
 */

/** `url` (absolute, or a path) without its query string and fragment. */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
