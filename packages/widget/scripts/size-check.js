#!/usr/bin/env node
// Prints the compressed sizes of the built bundles and fails the build when the ES module, the file
// agencies embed, exceeds its budget (size-budget.js).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BUDGET_GZIP_BYTES } from './size-budget.js';

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
