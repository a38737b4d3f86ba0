/**
 * Brotli and gzip copies of a built folder's text files, next to each file (`x.js` → `x.js.br`,
 * `x.js.gz`), the layout nginx's `brotli_static`/`gzip_static` and the demo server read. Made once
 * at build time at the highest levels, so serving costs no CPU and gets the smallest bytes.
 * @module
 */
import { readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { SUFFIX } from './encoding.js';

/**
 * Text types worth compressing; images like PNG/WebP/woff2 are compressed already. Source maps are
 * left out: only an open DevTools fetches them, and brotli at level 11 on them tripled the build step.
 */
export const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.svg', '.txt']);

const COMPRESSORS = {
  br: (data) => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
  gzip: (data) => gzipSync(data, { level: 9 }),
};

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

const exists = (path) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * Write the compressed copies under `dir` and remove copies whose file is gone (an old build's
 * hashed chunk) or no longer gains from compression.
 * @param {string} dir
 * @returns {{ file: string, raw: number, br?: number, gzip?: number }[]} what was written, for the build log
 */
export function precompressDir(dir) {
  const suffixes = Object.values(SUFFIX);
  const written = [];
  for (const path of [...filesUnder(dir)]) {
    const suffix = suffixes.find((s) => path.endsWith(s));
    if (suffix !== undefined) {
      if (!exists(path.slice(0, -suffix.length))) rmSync(path);
      continue;
    }
    if (!COMPRESSIBLE.has(extname(path))) {
      for (const s of suffixes) rmSync(path + s, { force: true });
      continue;
    }
    const data = readFileSync(path);
    const { mtime } = statSync(path);
    const row = { file: path, raw: data.length };
    for (const [coding, compress] of Object.entries(COMPRESSORS)) {
      const target = path + SUFFIX[coding];
      const packed = compress(data);
      if (packed.length >= data.length) {
        rmSync(target, { force: true });
        continue;
      }
      writeFileSync(target, packed);
      // Same mtime as the source: the server takes a copy only when it is exactly as new as its file.
      utimesSync(target, mtime, mtime);
      row[coding] = packed.length;
    }
    written.push(row);
  }
  return written;
}
