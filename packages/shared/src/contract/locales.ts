/**
 * The languages ITB speaks to patients, declared once: the widget's texts, the BFF's `locale` login
 * parameter and popup page, and the sandbox's test-BankID pages all follow this list, so adding a
 * language here makes every schema accept it and every `Record<LocaleCode, …>` of texts demand it.
 * @module
 */

/** Languages ITB ships texts in (English is the widget's fallback). */
export const LOCALES = ['sv', 'nb', 'da', 'fi', 'en'] as const;

/** One of {@link LOCALES}. */
export type LocaleCode = (typeof LOCALES)[number];

/**
 * The shipped language of a BCP 47 tag (`da-DK` → `da`), by its primary subtag; `undefined` when
 * ITB has no texts in it. Norwegian tags (`no`, `nn`) read Bokmål, the only Norwegian shipped.
 */
export function matchLocale(tag: string | undefined | null): LocaleCode | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'no' || primary === 'nn') return 'nb';
  return (LOCALES as readonly string[]).includes(primary) ? (primary as LocaleCode) : undefined;
}
