#!/usr/bin/env node
// Prints the compressed sizes of the built bundles and fails the build when the ES module, the file
// agencies embed, exceeds its budget (Lit included). Issue 4 set 40 KB gzip; issue 13 (day picker,
// history, two live regions, clinic contact, the fuller confirmation, collapsing lists) took it to
// 50.8 KB, so the budget is 52 KB until the wire-diet issue splits the steps after the first screen
// out of the first load.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 52 * 1024;
const files = ['dist/itb-booking.js', 'dist/itb-booking.iife.js'];
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let overBudget = false;
for (const file of files) {
  const raw = readFileSync(new URL(`../${file}`, import.meta.url));
  const gzip = gzipSync(raw, { level: 9 }).length;
  const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${file}: ${kb(raw.length)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli`);
  if (file === files[0] && gzip > BUDGET_GZIP_BYTES) overBudget = true;
}
if (overBudget) {
  console.error(`Size budget exceeded: ${files[0]} must stay within ${kb(BUDGET_GZIP_BYTES)} gzip.`);
  process.exit(1);
}
console.log(`Within the budget of ${kb(BUDGET_GZIP_BYTES)} gzip for ${files[0]}.`);
