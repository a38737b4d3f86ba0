#!/usr/bin/env node
/**
 * Gathers the plugin's translatable strings into `plugin/languages/itb-booking.pot` and merges them
 * into each shipped language's .po (Swedish and Norwegian Bokmål; English is the source language),
 * creating a missing one. New strings arrive untranslated and changed ones fuzzy: translate them,
 * then `npm test` checks that none is left.
 *
 * Strings come from three places, as wp-cli's `i18n make-pot` finds them: the PHP (WordPress's
 * gettext functions), the block editor's JavaScript (`wp.i18n`), and the metadata WordPress
 * translates itself — the plugin header's name and description (the Plugins screen) and block.json's
 * title, description and keywords (with the contexts of wp-includes/block-i18n.json).
 *
 *   npm run i18n -w @itb/wordpress
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import gettextParser from 'gettext-parser';
import { runGettext } from './gettext-tools.js';
import { filesUnder, pluginHeader } from './plugin-files.js';

export const DOMAIN = 'itb-booking';
/** The languages we translate into, besides English. */
export const LOCALES = ['sv_SE', 'nb_NO'];
export const PLUGIN_DIR = fileURLToPath(new URL('../plugin', import.meta.url));

/** WordPress's gettext functions, as xgettext keywords (`-k` first drops xgettext's own defaults). */
const PHP_KEYWORDS = ['__', '_e', '_x:1,2c', '_ex:1,2c', '_n:1,2', '_nx:1,2,4c', '_n_noop:1,2', '_nx_noop:1,2,3c', 'esc_html__', 'esc_html_e', 'esc_html_x:1,2c', 'esc_attr__', 'esc_attr_e', 'esc_attr_x:1,2c'];
/** @wordpress/i18n's. xgettext matches `wp.i18n.__(` as well as a destructured `__(`. */
const JS_KEYWORDS = ['__', '_x:1,2c', '_n:1,2', '_nx:1,2,4c'];
/** The block.json fields WordPress translates, with their gettext context (wp-includes/block-i18n.json). */
const BLOCK_FIELDS = { title: 'block title', description: 'block description', keywords: 'block keyword' };
/** The plugin header fields worth translating (the Plugins screen shows them). */
const HEADER_FIELDS = ['Plugin Name', 'Description'];

function addEntry(translations, { context = '', msgid, reference, extracted }) {
  translations[context] ??= {};
  const existing = translations[context][msgid];
  if (existing !== undefined) {
    existing.comments.reference += `\n${reference}`;
    return;
  }
  translations[context][msgid] = { msgctxt: context === '' ? undefined : context, msgid, msgstr: [''], comments: { reference, extracted } };
}

/** The strings WordPress translates out of the plugin header and block.json files, as a .pot's bytes. */
export function metadataPot(pluginDir) {
  const translations = { '': { '': { msgid: '', msgstr: [''] } } };
  const main = `${DOMAIN}.php`;
  const header = pluginHeader(path.join(pluginDir, main));
  for (const field of HEADER_FIELDS) {
    if (header[field]) addEntry(translations, { msgid: header[field], reference: main, extracted: `${field} of the plugin` });
  }
  for (const file of filesUnder(pluginDir).filter((name) => path.posix.basename(name) === 'block.json')) {
    const metadata = JSON.parse(readFileSync(path.join(pluginDir, file), 'utf8'));
    for (const [field, context] of Object.entries(BLOCK_FIELDS)) {
      for (const value of [metadata[field] ?? []].flat()) {
        if (typeof value === 'string' && value !== '') addEntry(translations, { context, msgid: value, reference: file });
      }
    }
  }
  return gettextParser.po.compile({ charset: 'utf-8', headers: { 'Content-Type': 'text/plain; charset=UTF-8' }, translations });
}

/** Write the plugin's template to `potFile`: PHP, then the blocks' JavaScript, then the metadata. */
export function extractPot(pluginDir, potFile, version) {
  const files = filesUnder(pluginDir);
  const php = files.filter((file) => file.endsWith('.php'));
  const js = files.filter((file) => file.startsWith('blocks/') && file.endsWith('.js'));
  const common = ['--from-code=UTF-8', '--add-comments=translators:', `--package-name=${DOMAIN}`, `--package-version=${version}`, '--copyright-holder=ITB Booking', '--msgid-bugs-address=', `--output=${potFile}`];
  const keywords = (list) => ['-k', ...list.map((keyword) => `--keyword=${keyword}`)];
  const work = mkdtempSync(path.join(tmpdir(), 'itb-wp-i18n-'));
  try {
    const metadata = path.join(work, 'metadata.pot');
    writeFileSync(metadata, metadataPot(pluginDir));
    // --force-po: a pot is written even before the code has a string, so msgmerge always has one.
    runGettext('xgettext', ['--language=PHP', ...keywords(PHP_KEYWORDS), ...common, '--force-po', ...php], { cwd: pluginDir });
    if (js.length > 0) runGettext('xgettext', ['--join-existing', '--language=JavaScript', ...keywords(JS_KEYWORDS), ...common, ...js], { cwd: pluginDir });
    runGettext('xgettext', ['--join-existing', '--language=PO', ...common, metadata], { cwd: pluginDir });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `text` without its `POT-Creation-Date` header line, which changes on every run. */
function withoutCreationDate(text) {
  return text.replace(/^"POT-Creation-Date: .*\\n"\n/m, '');
}

/** A new .po for `locale` from the template: msginit's plural rule, the full locale as Language. */
function createPo(potFile, poFile, locale) {
  runGettext('msginit', [`--input=${potFile}`, `--locale=${locale}.UTF-8`, '--no-translator', `--output-file=${poFile}`]);
  const text = readFileSync(poFile, 'utf8')
    .replace(/^"Language: .*\\n"$/m, `"Language: ${locale}\\n"`)
    .replace(/^"Language-Team: .*\\n"$/m, `"Language-Team: ${locale}\\n"`)
    .replace(/^"Last-Translator: .*\\n"$/m, '"Last-Translator: ITB Booking\\n"');
  writeFileSync(poFile, text);
}

/** Extract, then bring every shipped language up to date with the template. */
export function updateTranslations(pluginDir = PLUGIN_DIR) {
  const languages = path.join(pluginDir, 'languages');
  const { version } = JSON.parse(readFileSync(path.join(pluginDir, '..', 'package.json'), 'utf8'));
  const potFile = path.join(languages, `${DOMAIN}.pot`);
  const work = mkdtempSync(path.join(tmpdir(), 'itb-wp-pot-'));
  try {
    const fresh = path.join(work, `${DOMAIN}.pot`);
    extractPot(pluginDir, fresh, version);
    const text = readFileSync(fresh, 'utf8');
    // Only a changed set of strings rewrites the pot, so an unchanged run leaves git clean.
    if (!existsSync(potFile) || withoutCreationDate(readFileSync(potFile, 'utf8')) !== withoutCreationDate(text)) writeFileSync(potFile, text);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const locale of LOCALES) {
    const poFile = path.join(languages, `${DOMAIN}-${locale}.po`);
    if (existsSync(poFile)) runGettext('msgmerge', ['--quiet', '--update', '--backup=none', '--previous', poFile, potFile]);
    else createPo(potFile, poFile, locale);
    // msgfmt --statistics writes its counts to stderr; --output-file=/dev/null compiles nothing.
    const { stderr } = runGettext('msgfmt', ['--check', '--statistics', '--output-file=/dev/null', poFile]);
    console.log(`${path.relative(process.cwd(), poFile)}: ${stderr.trim()}`);
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    updateTranslations();
  } catch (error) {
    console.error(`i18n-extract: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
