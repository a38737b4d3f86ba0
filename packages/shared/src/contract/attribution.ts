/**
 * Campaign attribution: the five UTM parameters of the page a booking started on, carried from the
 * widget to the BFF in one header (`ATTRIBUTION_HEADER`, URL-encoded pairs) and written to the audit line. A UTM value is whatever someone
 * put in a link, so both ends clean it with these same rules: only the five keys, each at most
 * {@link ATTRIBUTION_VALUE_MAX_LENGTH} characters of letters, digits, spaces and `- _ . ~ / : | ,`,
 * and nothing that looks like an e-mail address, a phone number or a personal number. A value that
 * fails is dropped whole (never masked, never an error): attribution is a nice-to-have, a booking is not.
 * @module
 */

/** The keys kept; every other page parameter is ignored. */
export const ATTRIBUTION_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;

/** One of {@link ATTRIBUTION_KEYS}. */
export type AttributionKey = (typeof ATTRIBUTION_KEYS)[number];

/** Cleaned UTM values by key; a key is absent when the page had none or its value was dropped. */
export type Attribution = { readonly [K in AttributionKey]?: string };

/** Longest value kept, in characters (after trimming). */
export const ATTRIBUTION_VALUE_MAX_LENGTH = 100;

/**
 * Longest header read at all: five keys with the longest values, every character percent-encoded
 * as four UTF-8 bytes (`%F0%9F…`), with room to spare. A longer one is ignored whole, unparsed.
 */
const HEADER_MAX_LENGTH = 4096;

const SAFE_VALUE = /^[\p{L}\p{M}\p{N} _.~/:|,-]+$/u;
/**
 * Seven or more digits in a row, single spaces, dots, dashes, slashes or pluses allowed between them: every
 * Nordic personal number and every phone number has that shape. So does a date like `2026-03-15`,
 * which is dropped too: from the digits alone the two cannot be told apart.
 */
const DIGIT_RUN = /\d(?:[ .\/+-]?\d){6,}/;
/** A Finnish henkilötunnus with a letter for the century (`010501A123B`); other forms are digit runs. */
const FINNISH_ID = /\d{6}[A-FU-Y]\d{3}[\dA-Y]/i;

const KEYS: ReadonlySet<string> = new Set(ATTRIBUTION_KEYS);

/** Whether `value` could be an e-mail address, a phone number or a personal number. */
export function looksPersonal(value: string): boolean {
  return value.includes('@') || DIGIT_RUN.test(value) || FINNISH_ID.test(value);
}

/** `value` trimmed when it may be kept under the rules above, else `undefined`. */
function cleanValue(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > ATTRIBUTION_VALUE_MAX_LENGTH) return undefined;
  if (!SAFE_VALUE.test(trimmed) || looksPersonal(trimmed)) return undefined;
  return trimmed;
}

/**
 * The attribution in `pairs` (a page's `URLSearchParams`, a parsed header, a saved object's
 * entries): the first value of each UTM key, cleaned; everything else dropped.
 * @example cleanAttribution(new URL(location.href).searchParams) // → { utm_source: 'newsletter' }
 */
export function cleanAttribution(pairs: Iterable<readonly [string, unknown]>): Attribution {
  const kept: Partial<Record<AttributionKey, string>> = {};
  for (const [key, value] of pairs) {
    if (!KEYS.has(key) || key in kept || typeof value !== 'string') continue;
    const clean = cleanValue(value);
    if (clean !== undefined) kept[key as AttributionKey] = clean;
  }
  return kept;
}

/** Whether `attribution` holds no value. */
export function isEmptyAttribution(attribution: Attribution): boolean {
  return Object.keys(attribution).length === 0;
}

/** The cleaned attribution of an `ATTRIBUTION_HEADER` value; anything unreadable is `{}`, never an error. */
export function readAttributionHeader(value: unknown): Attribution {
  if (typeof value !== 'string' || value.length > HEADER_MAX_LENGTH) return {};
  return cleanAttribution(new URLSearchParams(value));
}
