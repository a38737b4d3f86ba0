import { describe, expect, it } from 'vitest';
import { LOCALES, matchLocale } from './locales.js';

describe('matchLocale', () => {
  it('reads the primary subtag of every shipped language, in any case and with either separator', () => {
    for (const code of LOCALES) expect(matchLocale(code)).toBe(code);
    expect(matchLocale('da-DK')).toBe('da');
    expect(matchLocale('fi_FI')).toBe('fi');
    expect(matchLocale(' SV-se ')).toBe('sv');
    expect(matchLocale('en-US')).toBe('en');
  });

  it('reads Norwegian tags as Bokmål', () => {
    expect(matchLocale('no')).toBe('nb');
    expect(matchLocale('nn-NO')).toBe('nb');
    expect(matchLocale('nb-NO')).toBe('nb');
  });

  it('knows no other language', () => {
    for (const tag of ['de', 'fr-FR', 'se', 'fil', 'dan', '', undefined, null]) expect(matchLocale(tag), String(tag)).toBeUndefined();
  });
});
