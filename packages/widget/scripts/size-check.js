#!/usr/bin/env node
// Prints the compressed sizes of the built files and fails the build when the ES module's entry,
// the one file the first screen needs, exceeds its budget (size-budget.js). The later steps' chunks
// and the classic script (everything inlined) are reported beside it.
import { readdirSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { BUDGET_GZIP_BYTES } from './size-budget.js';

const DIST = new URL('../dist/', import.meta.url);
const ENTRY = 'itb-booking.js';
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function sizes(file) {
  const raw = readFileSync(new URL(file, DIST));
  return {
    raw: raw.length,
    gzip: gzipSync(raw, { level: 9 }).length,
    brotli: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const chunks = readdirSync(DIST).filter((f) => f.endsWith('.js') && f !== ENTRY && f !== 'itb-booking.iife.js').sort();
for (const file of [ENTRY, ...chunks, 'itb-booking.iife.js']) {
  const s = sizes(file);
  console.log(`dist/${file}: ${kb(s.raw)} raw, ${kb(s.gzip)} gzip, ${kb(s.brotli)} brotli`);
}
const entry = sizes(ENTRY);
if (entry.gzip > BUDGET_GZIP_BYTES) {
  console.error(`Size budget exceeded: dist/${ENTRY} (the first screen's file) must stay within ${kb(BUDGET_GZIP_BYTES)} gzip.`);
  process.exit(1);
}
console.log(`Within the budget of ${kb(BUDGET_GZIP_BYTES)} gzip for dist/${ENTRY} (the first screen's file).`);
