import { expect } from '@open-wc/testing';
import { REASON_STATUS } from '@itb/shared';
import { en } from './en.js';
import { nb } from './nb.js';
import { loadTranslation, loadedTranslation, localeOf } from './locale.js';
import { sv } from './sv.js';
import type { Translation } from './translation.js';

/** Every leaf of a translation: strings, and functions called with a sample argument. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (typeof value === 'function') return [[path, String((value as (x: unknown) => unknown)(2))]];
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
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

  it('has English at hand and fetches Swedish and Norwegian once, on demand', async () => {
    expect(loadedTranslation('en')).to.equal(en);
    expect(await loadTranslation('sv')).to.deep.equal(sv);
    expect(await loadTranslation('nb')).to.deep.equal(nb);
    expect(loadedTranslation('sv')).to.equal(await loadTranslation('sv'));
  });

  it('has a non-empty message for every reason code in every locale', () => {
    for (const t of [en, sv, nb] as Translation[]) {
      for (const reason of Object.keys(REASON_STATUS)) {
        expect(t.reasons[reason as keyof Translation['reasons']], `${t.code} ${reason}`).to.be.a('string').and.not.equal('');
      }
    }
  });

  it('has the same keys in sv and nb as in en, and actually translates them', () => {
    const english = new Map(leaves(en));
    for (const t of [sv, nb]) {
      const other = new Map(leaves(t));
      expect([...other.keys()].sort()).to.deep.equal([...english.keys()].sort());
      const same = [...other].filter(([k, v]) => english.get(k) === v && !['.code', '.intl'].includes(k));
      // A few words are the same in both languages; most must differ.
      expect(same.length, same.map(([k]) => k).join(', ')).to.be.lessThan(5);
    }
  });
});
