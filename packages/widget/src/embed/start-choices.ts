/**
 * Where a journey's first choices come from, strongest first:
 *
 * 1. `prefill()` (and a `data-itb-open` element's `data-itb-*` attributes, which call it);
 * 2. the element's attributes (`clinic`, `treatment`, `practitioner`, `campaign`);
 * 3. the page URL's deep-link parameters `itb-clinic`, `itb-treatment`, `itb-campaign`.
 *
 * Attributes beat the URL because they are the page's own configuration — the Stockholm clinic's
 * page books Stockholm, whatever a forwarded link says — while a link fills what the page leaves
 * open: a newsletter can point `?itb-treatment=hyg45&itb-campaign=SPRING26` at that page, or at a
 * general booking page without attributes, and both work. Each key is taken on its own, so a
 * link's treatment joins a page's clinic. Deep links are read once, when the element starts.
 * @module
 */

/** Choices a page may make for the patient; each is matched as the attribute of the same name is (id, code or name). */
export interface ItbPrefill {
  /** A clinic by id (`hs-…`), URL placeholder or name. */
  readonly clinic?: string | undefined;
  /** A treatment by id (`ad-…`), code or title. */
  readonly treatment?: string | undefined;
  /** A practitioner (PractitionerRole id or name), used once clinic and treatment are chosen. */
  readonly practitioner?: string | undefined;
  /** A campaign code to apply. */
  readonly campaign?: string | undefined;
}

/** The start choices after layering: one value or `undefined` per key. */
export type StartChoices = Readonly<Record<keyof ItbPrefill, string | undefined>>;

const KEYS = ['clinic', 'treatment', 'practitioner', 'campaign'] as const;
/** Deep links name what a patient picks first: `itb-clinic`, `itb-treatment`, `itb-campaign` (no practitioner). */
const DEEP_LINK_KEYS = ['clinic', 'treatment', 'campaign'] as const;

/** The deep-link parameters of `href` (the page's address). */
export function readDeepLink(href: string): ItbPrefill {
  const params = new URL(href).searchParams;
  return Object.fromEntries(DEEP_LINK_KEYS.map((key) => [key, params.get(`itb-${key}`) ?? undefined]));
}

/** Per key, the first value of `layers` (strongest first) that is not empty, trimmed. */
export function startChoices(...layers: readonly ItbPrefill[]): StartChoices {
  return Object.fromEntries(KEYS.map((key) => [key, layers.map((layer) => layer[key]?.trim()).find((value) => value)])) as StartChoices;
}
