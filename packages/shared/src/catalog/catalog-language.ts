/**
 * The language clinic data is written in. ITB carries no language tag on its texts; a tenant writes
 * them in its own country's language, so the clinic's address country tells it. Screen readers need
 * it (`lang` on the element showing the text) to pronounce "Tandhygienistbesök" right on an English page.
 * @module
 */
import type { Catalog, Clinic } from './catalog-types.js';

const COUNTRY_LANGUAGES: Readonly<Record<string, string>> = {
  SE: 'sv', SWE: 'sv', SWEDEN: 'sv', SVERIGE: 'sv',
  NO: 'nb', NOR: 'nb', NORWAY: 'nb', NORGE: 'nb', NOREG: 'nb',
  DK: 'da', DNK: 'da', DENMARK: 'da', DANMARK: 'da',
  FI: 'fi', FIN: 'fi', FINLAND: 'fi', SUOMI: 'fi',
};

/** BCP 47 language of a clinic's texts, from its address country; `undefined` when unknown. */
export function clinicLanguage(clinic: Pick<Clinic, 'address'> | undefined): string | undefined {
  const country = clinic?.address?.country;
  return country === undefined ? undefined : COUNTRY_LANGUAGES[country.trim().toUpperCase()];
}

/**
 * Language of texts that belong to no one clinic (treatment titles, practitioner roles): the
 * language most of the catalog's clinics share, so one foreign clinic does not relabel a chain.
 */
export function catalogLanguage(catalog: Pick<Catalog, 'clinics'> | undefined): string | undefined {
  if (catalog === undefined) return undefined;
  const counts = new Map<string, number>();
  for (const clinic of catalog.clinics.values()) {
    const language = clinicLanguage(clinic);
    if (language !== undefined) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
