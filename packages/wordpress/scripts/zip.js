/**
 * A folder packed as a zip whose bytes depend only on the files' paths and contents: entries in
 * sorted order, one fixed timestamp, Unix modes 0644/0755. Made with fflate (pure JavaScript, no
 * dependencies), so rebuilding unchanged sources gives the same zip and the same checksum.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';

/** Every entry's time. DOS time has no zone, and fflate reads local fields, so build it locally. */
const FIXED_TIME = new Date(2000, 0, 1, 0, 0, 0);
/** Made on Unix (3), so unzip and PHP's ZipArchive keep the modes in the high 16 bits. */
const UNIX = 3;
const FILE_ATTRS = { os: UNIX, attrs: 0o100644 << 16 };
/** Folders are stored, not deflated: there is nothing in them to compress. */
const DIR_ATTRS = { os: UNIX, attrs: (0o040755 << 16) | 0x10, level: 0 };

function tree(dir) {
  const node = {};
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) node[entry.name] = [tree(full), DIR_ATTRS];
    else if (entry.isFile()) node[entry.name] = [new Uint8Array(readFileSync(full)), FILE_ATTRS];
    else throw new Error(`${full} is neither a file nor a folder; the zip would not hold it`);
  }
  return node;
}

/** The zip of `dir`'s contents under a top-level folder named `top`. */
export function zipFolder(dir, top) {
  return zipSync({ [top]: [tree(dir), DIR_ATTRS] }, { level: 9, mtime: FIXED_TIME });
}
