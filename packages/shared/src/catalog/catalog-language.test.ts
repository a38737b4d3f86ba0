import { describe, expect, it } from 'vitest';
import type { Catalog, Clinic } from './catalog-types.js';
import { catalogLanguage, clinicLanguage } from './catalog-language.js';

const clinic = (country?: string): Pick<Clinic, 'address'> => (country === undefined ? {} : { address: { lines: [], country } });

describe('clinicLanguage', () => {
  it('reads the address country in its ISO and written forms', () => {
    expect(clinicLanguage(clinic('SE'))).toBe('sv');
    expect(clinicLanguage(clinic(' norge '))).toBe('nb');
    expect(clinicLanguage(clinic('FIN'))).toBe('fi');
  });
  it('says nothing when the country is missing or unknown', () => {
    expect(clinicLanguage(clinic())).toBeUndefined();
    expect(clinicLanguage(clinic('Atlantis'))).toBeUndefined();
    expect(clinicLanguage(undefined)).toBeUndefined();
  });
});

describe('catalogLanguage', () => {
  const catalogOf = (...countries: (string | undefined)[]): Pick<Catalog, 'clinics'> =>
    ({ clinics: new Map(countries.map((c, i) => [String(i), clinic(c) as Clinic])) });
  it('takes the language most clinics share', () => {
    expect(catalogLanguage(catalogOf('NO', 'SE', 'SE', undefined))).toBe('sv');
    expect(catalogLanguage(catalogOf('NO', 'NO', 'SE'))).toBe('nb');
  });
  it('is unknown without clinics that name a known country', () => {
    expect(catalogLanguage(catalogOf(undefined, 'Atlantis'))).toBeUndefined();
    expect(catalogLanguage(undefined)).toBeUndefined();
  });
});
