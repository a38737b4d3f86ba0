/**
 * Picks the translation: the `locale` attribute, else the page's `<html lang>`, else English.
 * Norwegian tags (`no`, `nn`, `nb-NO`) map to Bokmål, the only Norwegian we ship. English is
 * bundled (it is the fallback); Swedish and Norwegian load on demand, beside the catalog request, so
 * a page carries one language, not three.
 * @module
 */
import { en } from './en.js';
import type { LocaleCode, Translation } from './translation.js';

const LOADERS: Readonly<Record<Exclude<LocaleCode, 'en'>, () => Promise<Translation>>> = {
  sv: () => import('./sv.js').then((m) => m.sv),
  nb: () => import('./nb.js').then((m) => m.nb),
};

const loaded = new Map<LocaleCode, Translation>([['en', en]]);
const loading = new Map<LocaleCode, Promise<Translation>>();

function codeOf(tag: string | undefined | null): LocaleCode | undefined {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (primary === 'sv') return 'sv';
  if (primary === 'nb' || primary === 'no' || primary === 'nn') return 'nb';
  if (primary === 'en') return 'en';
  return undefined;
}

/** The language to speak: the attribute, else the page's, else English. */
export function localeOf(attribute: string | undefined | null, pageLang: string | undefined): LocaleCode {
  return codeOf(attribute) ?? codeOf(pageLang) ?? 'en';
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
