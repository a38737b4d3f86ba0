/**
 * Clinic data is untrusted: a URL from ITB (a clinic's external-booking page, its web site) may be
 * `javascript:`, `data:` or garbage. Only absolute `http(s)` URLs may become a link.
 * @module
 */

/** `value` as a normalised absolute http(s) URL, else undefined. Never throws. */
export function safeHttpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}
