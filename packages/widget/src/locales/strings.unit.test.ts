import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { withStrings, type ItbStrings } from './strings.js';
import type { Translation } from './translation.js';

describe('withStrings', () => {
  it('merges a locale\'s overrides at any depth and keeps every other text as shipped', () => {
    const strings: ItbStrings = { en: { common: { continue: 'Go on' }, reasons: { 'slot-taken': 'Gone, sorry.' } }, sv: { common: { continue: 'Gå vidare' } } };
    const t = withStrings(en, strings);
    expect(t.common.continue).toBe('Go on');
    expect(t.reasons['slot-taken']).toBe('Gone, sorry.');
    expect(t.common.back).toBe(en.common.back);
    expect(t.reasons.network).toBe(en.reasons.network);
    expect(t.clinic).toBe(en.clinic);
    expect(en.common.continue).toBe('Continue');
  });

  it('returns the translation itself when nothing applies to its locale', () => {
    expect(withStrings(en, undefined)).toBe(en);
    expect(withStrings(en, { sv: { common: { continue: 'Gå vidare' } } })).toBe(en);
  });

  it('gives the same object for the same overrides, so setting them again changes nothing', () => {
    const strings: ItbStrings = { en: { common: { continue: 'Go on' } } };
    expect(withStrings(en, strings)).toBe(withStrings(en, strings));
    expect(withStrings(en, { ...strings })).not.toBe(withStrings(en, strings));
  });

  it('replaces a function with a function', () => {
    const t = withStrings(en, { en: { clinic: { count: (n: number) => `${n} places` } } });
    expect(t.clinic.count(3)).toBe('3 places');
  });

  it('ignores what plain JavaScript may pass wrongly: unknown keys, wrong types, the language code, __proto__', () => {
    const strings = JSON.parse('{"en": {"code": "sv", "intl": "sv-SE", "common": {"continue": 42, "contine": "x"}, "clinic": {"count": "many"}, "__proto__": {"polluted": true}}}') as ItbStrings;
    const t = withStrings(en, strings) as Translation & { contine?: unknown; polluted?: unknown };
    expect(t.code).toBe('en');
    expect(t.intl).toBe(en.intl);
    expect(t.common.continue).toBe('Continue');
    expect('contine' in t.common).toBe(false);
    expect(typeof t.clinic.count).toBe('function');
    expect(t.polluted).toBe(undefined);
    expect(({} as { polluted?: unknown }).polluted).toBe(undefined);
  });
});
