/**
 * Picks the translation: the `locale` attribute, else the page's `<html lang>`, else English.
 * Norwegian tags (`no`, `nn`, `nb-NO`) map to Bokmål, the only Norwegian we ship (`matchLocale` in
 * @itb/shared). English is bundled (it is the fallback); every other language loads on demand as its
 * own chunk (vite.config.ts), beside the catalog request, so a page carries one language, not five.
 * @module
 */
import { matchLocale } from '@itb/shared';
import { en } from './en.js';
import type { LocaleCode, Translation } from './translation.js';

const LOADERS: Readonly<Record<Exclude<LocaleCode, 'en'>, () => Promise<Translation>>> = {
  sv: () => import('./sv.js').then((m) => m.sv),
  nb: () => import('./nb.js').then((m) => m.nb),
  da: () => import('./da.js').then((m) => m.da),
  fi: () => import('./fi.js').then((m) => m.fi),
};

const loaded = new Map<LocaleCode, Translation>([['en', en]]);
const loading = new Map<LocaleCode, Promise<Translation>>();

/** The language to speak: the attribute, else the page's, else English. */
export function localeOf(attribute: string | undefined | null, pageLang: string | undefined): LocaleCode {
  return matchLocale(attribute) ?? matchLocale(pageLang) ?? 'en';
}

/** `code`'s translation if it is here already. */
export function loadedTranslation(code: LocaleCode): Translation | undefined {
  return loaded.get(code);
}

/** `code`'s translation, fetched once; English when it cannot be fetched (offline), so nothing waits forever. */
export function loadTranslation(code: LocaleCode): Promise<Translation> {
  const known = loaded.get(code);
  if (known !== undefined) return Promise.resolve(known);
  let promise = loading.get(code);
  if (promise === undefined) {
    promise = LOADERS[code as Exclude<LocaleCode, 'en'>]().then(
      (t) => { loaded.set(code, t); return t; },
      () => { loading.delete(code); return en; },
    );
    loading.set(code, promise);
  }
  return promise;
}
