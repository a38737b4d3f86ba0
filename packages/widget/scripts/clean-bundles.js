#!/usr/bin/env node
// Removes the previous build's bundles and chunks from dist/ (the chunk names carry content hashes,
// so old ones would pile up), keeping dist/types from tsc.
import { readdirSync, rmSync } from 'node:fs';

const DIST = new URL('../dist/', import.meta.url);
let files = [];
try {
  files = readdirSync(DIST);
} catch {
  // No dist yet: nothing to clean.
}
for (const file of files) if (/\.js(\.map)?$/.test(file)) rmSync(new URL(file, DIST));
