#!/usr/bin/env node
/**
 * Packs the plugin as WordPress installs it: `dist/itb-booking.zip`, whose one top-level folder
 * `itb-booking/` is `plugin/` plus what the build makes —
 *
 * - `assets/itb-booking.iife.js`: the widget's classic build, byte for byte (one file, no chunks,
 *   so it needs nothing beside it; no source map, which would only add weight to every site), and
 *   `assets/widget-version.txt`, the widget's version, which includes/widget-script.php puts in the
 *   script's `?ver=` so browsers fetch a new widget after an update;
 * - `languages/itb-booking-<locale>.mo` from each .po (msgfmt --check, so a broken placeholder
 *   stops the build), and the block editor's JSON translations (scripts/jed.js).
 *
 * The .po files and the .pot stay in the zip: WordPress reads only the .mo and .json, but a site's
 * translator starts a new language from the .pot or corrects ours in the .po (Loco Translate, Poedit),
 * and plugins on WordPress.org ship them the same way. Together they are a few kilobytes.
 *
 *   node scripts/build.js        (`npm run build` at the root runs it after the widget's build)
 * @module
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGettext } from './gettext-tools.js';
import { DOMAIN } from './i18n-extract.js';
import { jedTranslations } from './jed.js';
import { pluginHeader, shippedLocales } from './plugin-files.js';
import { zipFolder } from './zip.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULTS = {
  pluginDir: path.join(PACKAGE_DIR, 'plugin'),
  widgetDir: path.join(PACKAGE_DIR, '..', 'widget'),
  buildDir: path.join(PACKAGE_DIR, 'build'),
  distDir: path.join(PACKAGE_DIR, 'dist'),
};
export const ZIP_NAME = `${DOMAIN}.zip`;
export const WIDGET_FILE = 'itb-booking.iife.js';

/**
 * The plugin's scripts that carry strings, by the handle the plugin registers them under
 * (includes/block.php: `wp_register_script( 'itb-booking-editor', … 'blocks/booking/editor.js' … )`,
 * then `wp_set_script_translations( 'itb-booking-editor', 'itb-booking', <plugin>/languages )`).
 * With a path given, WordPress 6.1's load_script_textdomain() (wp-includes/l10n.php) looks first for
 * `$domain . '-' . $locale . '-' . $handle . '.json'` in it, so each JSON is named after the handle.
 */
export const TRANSLATED_SCRIPTS = [{ handle: 'itb-booking-editor', file: 'blocks/booking/editor.js' }];

/** Sources the zip never holds: editor and OS litter, tests, dependencies, maps, and compiled
 * translations left in plugin/languages (the build makes its own from the .po files). */
function isShipped(relative) {
  const parts = relative.split('/');
  const name = parts[parts.length - 1];
  if (parts.some((part) => part.startsWith('.') || part === 'node_modules')) return false;
  if (/\.test\.|\.map$/.test(name)) return false;
  return !(parts[0] === 'languages' && /\.(mo|json)$/.test(name));
}

function checkVersions(pluginDir) {
  const { version } = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'));
  const header = pluginHeader(path.join(pluginDir, `${DOMAIN}.php`));
  if (header.Version !== version) throw new Error(`${DOMAIN}.php says Version: ${header.Version ?? '(none)'} but packages/wordpress/package.json says ${version}; make them the same`);
  return version;
}

function compileTranslations(pluginDir, stageDir) {
  const languages = path.join(pluginDir, 'languages');
  const locales = existsSync(languages) ? shippedLocales(languages, DOMAIN) : [];
  const written = [];
  for (const locale of locales) {
    const po = path.join(languages, `${DOMAIN}-${locale}.po`);
    const mo = `languages/${DOMAIN}-${locale}.mo`;
    runGettext('msgfmt', ['--check', `--output-file=${path.join(stageDir, mo)}`, po]);
    written.push(mo);
    for (const script of TRANSLATED_SCRIPTS) {
      const jed = jedTranslations(readFileSync(po), script.file);
      if (jed === undefined) continue;
      const json = `languages/${DOMAIN}-${locale}-${script.handle}.json`;
      writeFileSync(path.join(stageDir, json), JSON.stringify(jed));
      written.push(json);
    }
  }
  return written;
}

/**
 * Stage the plugin in `<buildDir>/itb-booking/` and zip it to `<distDir>/itb-booking.zip`.
 * @param {Partial<typeof DEFAULTS>} options
 * @returns {{ zip: string, bytes: number, stageDir: string, widgetVersion: string, translations: string[] }}
 */
export function buildPlugin(options = {}) {
  const { pluginDir, widgetDir, buildDir, distDir } = { ...DEFAULTS, ...options };
  const widgetBuild = path.join(widgetDir, 'dist', WIDGET_FILE);
  if (!existsSync(widgetBuild)) throw new Error(`the widget's classic build ${path.relative(process.cwd(), widgetBuild)} is missing: run \`npm run build\` at the repository root (or \`npm run build -w @itb/widget\`) first`);
  checkVersions(pluginDir);
  const widgetVersion = JSON.parse(readFileSync(path.join(widgetDir, 'package.json'), 'utf8')).version;

  const stageDir = path.join(buildDir, DOMAIN);
  rmSync(stageDir, { recursive: true, force: true });
  cpSync(pluginDir, stageDir, { recursive: true, filter: (source) => source === pluginDir || isShipped(path.relative(pluginDir, source).split(path.sep).join('/')) });
  mkdirSync(path.join(stageDir, 'assets'), { recursive: true });
  cpSync(widgetBuild, path.join(stageDir, 'assets', WIDGET_FILE));
  writeFileSync(path.join(stageDir, 'assets', 'widget-version.txt'), `${widgetVersion}\n`);
  mkdirSync(path.join(stageDir, 'languages'), { recursive: true });
  const translations = compileTranslations(pluginDir, stageDir);

  const zip = zipFolder(stageDir, DOMAIN);
  mkdirSync(distDir, { recursive: true });
  const zipFile = path.join(distDir, ZIP_NAME);
  // Renamed into place, so a suite installing the zip while a build runs never reads half a file.
  writeFileSync(`${zipFile}.partial`, zip);
  renameSync(`${zipFile}.partial`, zipFile);
  return { zip: zipFile, bytes: zip.length, stageDir, widgetVersion, translations };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const built = buildPlugin();
    console.log(`${path.relative(process.cwd(), built.zip)}: ${(built.bytes / 1024).toFixed(1)} KB (widget ${built.widgetVersion}; ${built.translations.length} translation files)`);
  } catch (error) {
    console.error(`wordpress build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
