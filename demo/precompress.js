#!/usr/bin/env node
/**
 * `npm run build` runs this after the widget's build: brotli and gzip copies of the widget's files
 * in packages/widget/dist, which the demo server serves by content negotiation (and an agency's
 * nginx or CDN can serve the same way; see the README's deployment recipe).
 *
 *   node demo/precompress.js [dir]     (default: packages/widget/dist)
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompressDir } from './lib/precompress.js';

const dir = process.argv[2] ?? fileURLToPath(new URL('../packages/widget/dist/', import.meta.url));
if (!existsSync(dir)) {
  console.error(`precompress: ${dir} does not exist; build the widget first.`);
  process.exit(1);
}
const kb = (bytes) => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KB`);
const rows = precompressDir(dir);
for (const row of rows) {
  console.log(`precompressed ${relative(process.cwd(), row.file)}: ${kb(row.raw)} raw, ${kb(row.br)} br, ${kb(row.gzip)} gzip`);
}
console.log(`precompress: ${rows.length} files in ${relative(process.cwd(), dir) || '.'}`);
