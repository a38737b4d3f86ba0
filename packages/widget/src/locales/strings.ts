/**
 * `strings`: a page's own wording over the shipped translations, per locale
 * (`el.strings = { sv: { common: { continue: 'Gå vidare' } } }`). Overrides are merged over the
 * translation when it is chosen, also over a language fetched later on demand, so what the page
 * sets is what the patient reads, in live announcements and messages too.
 * @module
 */
import type { LocaleCode, Translation } from './translation.js';

/** Every key optional, at every depth; functions (plurals, interpolation) are replaced whole. */
export type DeepPartial<T> = {
  readonly [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/** One locale's overrides: any text of {@link Translation} but its `code` and `intl`, which name the language. */
export type TranslationOverrides = DeepPartial<Omit<Translation, 'code' | 'intl'>>;

/** The `strings` property: overrides per locale. */
export type ItbStrings = { readonly [C in LocaleCode]?: TranslationOverrides };

type Tree = Readonly<Record<string, unknown>>;

/**
 * `base` with `over` merged in. Only keys `base` has, and only values of the same type (a string
 * for a string, a function for a function) are taken: the property is set from plain JavaScript,
 * where a typo or a string in place of a plural function must not break a screen.
 */
function merge(base: Tree, over: Tree): Tree {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (!Object.hasOwn(base, key) || key === 'code' || key === 'intl') continue;
    const current = base[key];
    if (typeof current === 'object' && current !== null && typeof value === 'object' && value !== null) {
      out[key] = merge(current as Tree, value as Tree);
    } else if (typeof value === typeof current) {
      out[key] = value;
    }
  }
  return out;
}

/** Merged translations per overrides object and base, so setting the same `strings` again changes nothing. */
const merged = new WeakMap<ItbStrings, WeakMap<Translation, Translation>>();

/** `t` with `strings[t.code]` merged over it; `t` itself when there is nothing to merge. */
export function withStrings(t: Translation, strings: ItbStrings | null | undefined): Translation {
  const over = strings?.[t.code];
  if (strings == null || typeof over !== 'object' || over === null) return t;
  let byBase = merged.get(strings);
  if (byBase === undefined) merged.set(strings, (byBase = new WeakMap()));
  let result = byBase.get(t);
  if (result === undefined) byBase.set(t, (result = merge(t as unknown as Tree, over as Tree) as unknown as Translation));
  return result;
}
