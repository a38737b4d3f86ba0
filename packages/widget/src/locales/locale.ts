/**
 * Picks the translation: the `locale` attribute, else the page's `<html lang>`, else English.
 * Norwegian tags (`no`, `nn`, `nb-NO`) map to Bokmål, the only Norwegian we ship.
 * @module
 */
import { en } from './en.js';
import { nb } from './nb.js';
import { sv } from './sv.js';
import type { LocaleCode, Translation } from './translation.js';

const TRANSLATIONS: Readonly<Record<LocaleCode, Translation>> = { sv, nb, en };

function codeOf(tag: string | undefined | null): LocaleCode | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'sv') return 'sv';
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  if (primary === 'en') return 'en';
  return undefined;
}

export function pickTranslation(attribute: string | undefined, pageLang: string | undefined): Translation {
  return TRANSLATIONS[codeOf(attribute) ?? codeOf(pageLang) ?? 'en'];
}
