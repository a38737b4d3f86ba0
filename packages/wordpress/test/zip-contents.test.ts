// The installable zip, built from the current sources into a temporary folder: what WordPress
// unpacks must be the plugin folder, the widget's current classic build and compiled translations,
// and nothing else.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import gettextParser from 'gettext-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildPlugin, DEFAULTS, TRANSLATED_SCRIPTS, WIDGET_FILE } from '../scripts/build.js';
import { LOCALES } from '../scripts/i18n-extract.js';
import { filesUnder, pluginHeader } from '../scripts/plugin-files.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const TOP = 'itb-booking/';
const widgetBuild = path.join(DEFAULTS.widgetDir, 'dist', WIDGET_FILE);
const packageVersion: string = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')).version;
const widgetVersion: string = JSON.parse(readFileSync(path.join(DEFAULTS.widgetDir, 'package.json'), 'utf8')).version;

let work: string;
let zipBytes: Uint8Array;
let entries: Record<string, Uint8Array>;

beforeAll(() => {
  if (!existsSync(widgetBuild)) throw new Error(`${widgetBuild} is missing: run \`npm run build\` at the repository root first (npm test does)`);
  work = mkdtempSync(path.join(tmpdir(), 'itb-wp-zip-'));
  const built = buildPlugin({ buildDir: path.join(work, 'build'), distDir: path.join(work, 'dist') });
  zipBytes = readFileSync(built.zip);
  entries = unzipSync(zipBytes);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const text = (name: string) => new TextDecoder().decode(entries[TOP + name]);
const files = () => Object.keys(entries).filter((name) => !name.endsWith('/'));

describe('the zip', () => {
  test('holds one top-level folder, itb-booking/', () => {
    expect(new Set(Object.keys(entries).map((name) => name.split('/')[0]))).toEqual(new Set(['itb-booking']));
  });

  test('holds every source file of plugin/ (the .po and .pot included), byte for byte', () => {
    const sources = filesUnder(DEFAULTS.pluginDir).filter((file) => !/^languages\/.*\.(mo|json)$/.test(file) && !file.split('/').some((part) => part.startsWith('.')));
    expect(sources.length).toBeGreaterThan(0);
    for (const file of sources) expect(Buffer.from(entries[TOP + file] ?? []).equals(readFileSync(path.join(DEFAULTS.pluginDir, file))), file).toBe(true);
  });

  test('holds the widget’s current classic build, byte for byte, and its version for ?ver=', () => {
    expect(Buffer.from(entries[`${TOP}assets/${WIDGET_FILE}`]).equals(readFileSync(widgetBuild))).toBe(true);
    expect(text('assets/widget-version.txt').trim()).toBe(widgetVersion);
  });

  test('holds nothing else: no maps, tests, dependencies, dotfiles or precompressed copies', () => {
    const sources = new Set(filesUnder(DEFAULTS.pluginDir).map((file) => TOP + file));
    const extra = files().filter((name) => !sources.has(name));
    const made = [`assets/${WIDGET_FILE}`, 'assets/widget-version.txt', ...LOCALES.flatMap((locale) => [`languages/itb-booking-${locale}.mo`, ...TRANSLATED_SCRIPTS.map((script) => `languages/itb-booking-${locale}-${script.handle}.json`)])];
    expect(extra.sort()).toEqual(made.map((file) => TOP + file).sort());
    expect(files().filter((name) => /\.(map|gz|br)$|\.test\.|node_modules|\/\./.test(name))).toEqual([]);
  });

  test('is the same bytes when built again from the same sources', () => {
    const again = buildPlugin({ buildDir: path.join(work, 'again'), distDir: path.join(work, 'again-dist') });
    expect(Buffer.from(readFileSync(again.zip)).equals(Buffer.from(zipBytes))).toBe(true);
  });

  test('unpacks with Info-ZIP without a warning', () => {
    execFileSync('unzip', ['-tq', path.join(work, 'dist', 'itb-booking.zip')]);
  });
});

describe('the headers', () => {
  test('has the header WordPress reads, its version the package’s', () => {
    const header = pluginHeader(path.join(DEFAULTS.pluginDir, 'itb-booking.php'));
    expect(header).toMatchObject({ 'Plugin Name': 'ITB Booking', Version: packageVersion, 'Requires at least': '6.1', 'Requires PHP': '8.1', 'Text Domain': 'itb-booking', 'Domain Path': '/languages', License: 'Apache-2.0' });
    expect(text('itb-booking.php')).toBe(readFileSync(path.join(DEFAULTS.pluginDir, 'itb-booking.php'), 'utf8'));
  });

  test('agrees with readme.txt, which WordPress.org and update checkers read for the same facts', () => {
    const header = pluginHeader(path.join(DEFAULTS.pluginDir, 'itb-booking.php'));
    const readme = pluginHeader(path.join(DEFAULTS.pluginDir, 'readme.txt'));
    expect(readme).toMatchObject({ 'Stable tag': packageVersion, 'Requires at least': header['Requires at least'], 'Requires PHP': header['Requires PHP'], License: header.License });
  });
});

describe('the translations', () => {
  test.each(LOCALES)('%s: the .mo holds every translated string of the .po', (locale) => {
    const po = gettextParser.po.parse(readFileSync(path.join(DEFAULTS.pluginDir, 'languages', `itb-booking-${locale}.po`)));
    const mo = gettextParser.mo.parse(Buffer.from(entries[`${TOP}languages/itb-booking-${locale}.mo`]));
    const translated = (catalog: typeof po) => Object.entries(catalog.translations).flatMap(([context, messages]) => Object.values(messages)
      .filter((entry) => entry.msgid !== '' && entry.msgstr.every((value) => value !== '') && !(entry.comments?.flag ?? '').includes('fuzzy'))
      .map((entry) => `${context}\u0004${entry.msgid}=${entry.msgstr.join('|')}`)).sort();
    expect(translated(po).length).toBeGreaterThan(0);
    expect(translated(mo)).toEqual(translated(po));
  });

  test.each(LOCALES)('%s: the editor’s JSON is Jed 1.x with exactly the editor’s strings', (locale) => {
    const po = gettextParser.po.parse(readFileSync(path.join(DEFAULTS.pluginDir, 'languages', `itb-booking-${locale}.po`)));
    for (const script of TRANSLATED_SCRIPTS) {
      const jed = JSON.parse(text(`languages/itb-booking-${locale}-${script.handle}.json`));
      const messages = jed.locale_data.messages;
      expect(jed.domain).toBe('messages');
      expect(messages['']).toEqual({ domain: 'messages', lang: locale, 'plural-forms': 'nplurals=2; plural=(n != 1);' });
      const inScript = Object.entries(po.translations).flatMap(([context, entries]) => Object.values(entries)
        .filter((entry) => (entry.comments?.reference ?? '').split(/\s+/).some((reference) => reference.replace(/:\d+$/, '') === script.file))
        .map((entry) => [context === '' ? entry.msgid : `${context}\u0004${entry.msgid}`, entry.msgstr]));
      expect(inScript.length).toBeGreaterThan(0);
      expect(Object.fromEntries(Object.entries(messages).filter(([key]) => key !== ''))).toEqual(Object.fromEntries(inScript));
    }
  });

  test('the JSON is named for the handle the plugin registers the editor script under, with the path WordPress searches', () => {
    const blockJson = JSON.parse(readFileSync(path.join(DEFAULTS.pluginDir, 'blocks/booking/block.json'), 'utf8'));
    const blockPhp = readFileSync(path.join(DEFAULTS.pluginDir, 'includes/block.php'), 'utf8');
    for (const script of TRANSLATED_SCRIPTS) {
      expect(blockJson.editorScript).toBe(script.handle);
      expect(blockPhp).toContain(`'${script.handle}'`);
      expect(blockPhp).toContain(`plugins_url( '${script.file}'`);
    }
    // wp_set_script_translations( handle, domain, path ): without the path WordPress looks only in wp-content/languages.
    expect(blockPhp).toMatch(/wp_set_script_translations\(\s*EDITOR_HANDLE,\s*'itb-booking',\s*\$dir \. '\/languages'\s*\)/);
  });
});
