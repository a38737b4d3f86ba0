/**
 * A .po file's strings for one script, in the Jed 1.x JSON that WordPress's
 * `load_script_textdomain()` reads and hands to `wp.i18n.setLocaleData()` — what wp-cli's
 * `i18n make-json` writes, made here with gettext-parser because wp-cli is not available.
 * @module
 */
import gettextParser from 'gettext-parser';

/** Whether `entry`'s references (xgettext's `#:` lines, `file:line` each) include `file`. */
function isReferencedIn(entry, file) {
  const references = entry.comments?.reference ?? '';
  return references.split(/\s+/).some((reference) => reference.replace(/:\d+$/, '') === file);
}

function isTranslated(entry) {
  const fuzzy = (entry.comments?.flag ?? '').split(/,\s*/).includes('fuzzy');
  return !fuzzy && entry.msgstr.length > 0 && entry.msgstr.every((text) => text !== '');
}

/**
 * The Jed 1.x document for the translated, non-fuzzy strings of `po` (a .po file's bytes) that
 * `sourceFile` (a path as xgettext wrote it in the references) uses; `undefined` when it uses none,
 * since WordPress needs no file then. Keys are `msgid`, or `msgctxt` + U+0004 + `msgid` for a
 * string with a context, each with its list of plural forms, as Jed and @wordpress/i18n expect.
 */
export function jedTranslations(po, sourceFile) {
  const parsed = gettextParser.po.parse(po);
  const headers = parsed.headers;
  const language = headers.Language;
  if (language === undefined || language === '') throw new Error(`the .po for ${sourceFile} has no Language header`);
  const messages = {};
  for (const [context, entries] of Object.entries(parsed.translations)) {
    for (const [msgid, entry] of Object.entries(entries)) {
      if (msgid === '' || !isReferencedIn(entry, sourceFile) || !isTranslated(entry)) continue;
      messages[context === '' ? msgid : `${context}\u0004${msgid}`] = entry.msgstr;
    }
  }
  if (Object.keys(messages).length === 0) return undefined;
  return {
    'translation-revision-date': headers['PO-Revision-Date'] ?? '',
    generator: '@itb/wordpress scripts/build.js',
    source: sourceFile,
    domain: 'messages',
    locale_data: {
      messages: {
        '': { domain: 'messages', lang: language, 'plural-forms': headers['Plural-Forms'] ?? 'nplurals=2; plural=(n != 1);' },
        ...messages,
      },
    },
  };
}
