#!/usr/bin/env node
/**
 * The pinned, CDN-style files, written after the main build beside the unversioned ones:
 * `dist/itb-booking-<version>.js` and `dist/itb-booking-<version>.iife.js`, whose bytes never change
 * once released, so a page can pin them with Subresource Integrity. Prints each one's SRI hash
 * (`sha384-…`, the base64 SHA-384 digest) and writes them to `dist/integrity.json`.
 *
 * The ES module is built again rather than copied: its later steps' chunks import what they share
 * from the entry by its file name (`from "./itb-booking.js"`), so under a copy each chunk would load
 * the unversioned entry as well — a second instance of every module (other Lit context keys, so the
 * steps would never see the store) and, in a CDN folder holding several releases, the newest
 * release's code. Built with only its file name changed, the pinned entry's chunks import the pinned
 * entry, so those that import it get their own content-hashed names while the ones that do not (the
 * languages) come out byte-identical under the same names. The classic script has no chunks (it
 * inlines everything); it is built in the same pass and differs only in its source-map comment.
 *
 *   node scripts/cdn-files.js        (the widget's `npm run build` runs it last)
 * @module
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, loadConfigFromFile } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(ROOT, 'dist');
/** Versions that are safe in a file name and a URL as they are (no build metadata after `+`). */
const PLAIN_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/** The pinned file names of `version`. */
export function pinnedFiles(version) {
  return { es: `itb-booking-${version}.js`, iife: `itb-booking-${version}.iife.js` };
}

/** The Subresource Integrity value of `bytes`: `sha384-` and the base64 SHA-384 digest. */
export function integrityOf(bytes) {
  return `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
}

async function main() {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  if (!PLAIN_VERSION.test(version)) throw new Error(`version ${version} cannot name a file; use major.minor.patch with an optional -prerelease`);
  const files = pinnedFiles(version);

  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, path.join(ROOT, 'vite.config.ts'), ROOT, 'warn');
  if (loaded === null) throw new Error('vite.config.ts not found');
  const { config } = loaded;
  const lib = config.build?.lib;
  if (lib === undefined || lib === false) throw new Error('vite.config.ts builds no library');
  await build({
    ...config,
    root: ROOT,
    configFile: false,
    logLevel: 'warn',
    build: { ...config.build, emptyOutDir: false, lib: { ...lib, fileName: (format) => (format === 'es' ? files.es : files.iife) } },
  });

  const integrity = {};
  for (const [kind, file] of Object.entries(files)) {
    integrity[file] = integrityOf(readFileSync(path.join(DIST, file)));
    const note = kind === 'iife' ? 'classic script, everything in one file: the one to pin with integrity' : 'ES module: the hash covers this file, not the chunks it imports';
    console.log(`dist/${file}  ${integrity[file]}  (${note})`);
  }
  writeFileSync(path.join(DIST, 'integrity.json'), `${JSON.stringify({ version, files: integrity }, null, 2)}\n`);
  console.log('dist/integrity.json written');
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`cdn-files: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
