/**
 * What the plugin folder holds, read the way the build and the extraction both need it.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Files under `dir` (relative, `/`-separated, sorted), folders named in `skip` left out. */
export function filesUnder(dir, { skip = ['node_modules'] } = {}, prefix = '') {
  const found = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!skip.includes(entry.name)) found.push(...filesUnder(dir, { skip }, relative));
    } else found.push(relative);
  }
  return found.sort();
}

/**
 * The header fields of the plugin's main file (`Plugin Name: …` lines in its first comment), as
 * WordPress's `get_file_data()` reads them: the first 8 KB only, each value trimmed.
 * @returns {Record<string, string>}
 */
export function pluginHeader(mainFile) {
  const head = readFileSync(mainFile, 'utf8').slice(0, 8192);
  const fields = {};
  for (const match of head.matchAll(/^[ \t/*#@]*([A-Za-z][A-Za-z ]*?):[ \t]*(.*?)[ \t]*(?:\*\/)?$/gm)) {
    if (!(match[1] in fields)) fields[match[1]] = match[2];
  }
  return fields;
}

/** The locales the plugin ships translations for: `itb-booking-<locale>.po` in its languages folder. */
export function shippedLocales(languagesDir, domain) {
  const pattern = new RegExp(`^${domain}-([a-z]{2,3}(?:_[A-Z]{2})?)\\.po$`);
  return readdirSync(languagesDir).map((name) => pattern.exec(name)?.[1]).filter((locale) => locale !== undefined).sort();
}
