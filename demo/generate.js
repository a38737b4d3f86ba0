#!/usr/bin/env node
/**
 * Writes the demo site's HTML pages into site/ from site-data.json (the chain and its clinics, taken
 * from the sandbox seed) and the templates in build/. The site is plain static HTML, as a clinic's
 * own website would be, and the server does no templating. The pages are build output (`npm run
 * build` runs this), not committed, so they can never drift from their templates.
 *
 *   node demo/generate.js
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allPages } from './build/pages.js';

const here = dirname(fileURLToPath(import.meta.url));
const site = JSON.parse(readFileSync(join(here, 'site-data.json'), 'utf8'));
for (const page of allPages(site)) {
  const target = join(here, 'site', page.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, page.html);
}
console.log(`Wrote ${allPages(site).length} pages to demo/site/`);
