import { expect } from '@open-wc/testing';
import { LOCALES, REASON_STATUS, type LocaleCode } from '@itb/shared';
import { da } from './da.js';
import { en } from './en.js';
import { fi } from './fi.js';
import { nb } from './nb.js';
import { loadTranslation, loadedTranslation, localeOf } from './locale.js';
import { sv } from './sv.js';
import type { Translation } from './translation.js';

/** Every locale but the English fallback; a `Record`, so a language added to LOCALES without a test here does not compile. */
const OTHERS: Readonly<Record<Exclude<LocaleCode, 'en'>, Translation>> = { sv, nb, da, fi };
const ALL: readonly Translation[] = [en, ...Object.values(OTHERS)];

/**
 * Texts that may read exactly as in English, and why. Everything else must differ, so a value
 * copied from en.ts and left untranslated fails.
 */
const SAME_AS_ENGLISH: Readonly<Record<string, string>> = {
  '.code': 'the language code itself',
  '.intl': 'the BCP 47 tag for Intl',
};

/** A marker per argument, so an interpolation shows where each argument went. */
const marker = (i: number): string => `⟦${i}⟧`;

/** Every leaf of a translation: strings, and functions called with one marker per parameter. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return [[path, String(fn(...Array.from({ length: fn.length }, (_, i) => marker(i))))]];
  }
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [];
}

/** Every function of a translation with its parameter count. */
function arities(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'function') return [[path, value.length]];
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => arities(v, `${path}.${k}`));
  return [];
}

describe('locales', () => {
  it('picks the attribute, then <html lang>, then English; Norwegian tags map to Bokmål', () => {
    expect(localeOf('sv-SE', 'en')).to.equal('sv');
    expect(localeOf(undefined, 'nb-NO')).to.equal('nb');
    expect(localeOf(undefined, 'no')).to.equal('nb');
    expect(localeOf('nn', 'sv')).to.equal('nb');
    expect(localeOf('de', 'fr')).to.equal('en');
    expect(localeOf('', 'sv')).to.equal('sv');
  });

  it('picks Danish and Finnish by their tags, with or without a region', () => {
    expect(localeOf('da', 'en')).to.equal('da');
    expect(localeOf(undefined, 'da-DK')).to.equal('da');
    expect(localeOf('fi', 'sv')).to.equal('fi');
    expect(localeOf(undefined, 'fi-FI')).to.equal('fi');
    expect(localeOf('de', 'da-DK')).to.equal('da');
    expect(localeOf('fi-FI', 'da')).to.equal('fi');
  });

  it('ships a translation for exactly the locales @itb/shared lists', () => {
    expect(ALL.map((t) => t.code).sort()).to.deep.equal([...LOCALES].sort());
    for (const [code, t] of Object.entries(OTHERS)) expect(t.code).to.equal(code);
  });

  it('has English at hand and fetches every other language once, on demand', async () => {
    expect(loadedTranslation('en')).to.equal(en);
    for (const [code, t] of Object.entries(OTHERS) as [Exclude<LocaleCode, 'en'>, Translation][]) {
      expect(await loadTranslation(code), code).to.deep.equal(t);
      expect(loadedTranslation(code), code).to.equal(await loadTranslation(code));
    }
  });

  it('names a BCP 47 tag Intl formats with, in the language itself', () => {
    for (const t of ALL) {
      expect(Intl.DateTimeFormat.supportedLocalesOf([t.intl]), t.code).to.deep.equal([t.intl]);
      expect(t.intl.split('-')[0], t.code).to.equal(t.code);
    }
  });

  it('has a non-empty message for every reason code in every locale', () => {
    for (const t of ALL) {
      for (const reason of Object.keys(REASON_STATUS)) {
        expect(t.reasons[reason as keyof Translation['reasons']], `${t.code} ${reason}`).to.be.a('string').and.not.equal('');
      }
    }
  });

  for (const [code, t] of Object.entries(OTHERS)) {
    describe(code, () => {
      it('has every key English has, and no other', () => {
        expect(leaves(t).map(([k]) => k).sort()).to.deep.equal(leaves(en).map(([k]) => k).sort());
      });

      it('has the same functions as English, each taking as many arguments', () => {
        expect(arities(t)).to.have.deep.members(arities(en));
      });

      it('puts every argument English interpolates into its text', () => {
        const english = new Map(leaves(en));
        for (const [path, text] of leaves(t)) {
          const wanted = english.get(path)!.match(/⟦\d+⟧/g) ?? [];
          for (const placeholder of wanted) expect(text, `${code}${path}`).to.contain(placeholder);
          expect(text.trim(), `${code}${path}`).to.not.equal('');
        }
      });

      it('translates every text (none reads as in English, but for the listed exceptions)', () => {
        const english = new Map(leaves(en));
        const same = leaves(t).filter(([k, v]) => english.get(k) === v && !(k in SAME_AS_ENGLISH)).map(([k]) => k);
        expect(same, `${code} still in English`).to.deep.equal([]);
      });

      it('words counts for one and for many', () => {
        for (const n of [0, 1, 2, 5]) {
          for (const text of [t.clinic.count(n), t.time.gaps(n), t.time.timesFound(n), t.time.dayLabel('x', n)]) {
            expect(text, `${code} ${n}`).to.be.a('string').and.not.equal('');
          }
        }
        expect(t.clinic.count(1), code).to.not.equal(t.clinic.count(2).replace('2', '1'));
      });
    });
  }
});
