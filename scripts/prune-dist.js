#!/usr/bin/env node
/**
 * Deletes tsc's outputs that no source produces any more from the published packages' build
 * folders, so that `dist` after `npm run build` is what a clean build holds and `npm publish`
 * (which packs all of `dist`) never ships a module whose source was moved or deleted. `tsc -b`
 * writes outputs but never removes them. Only files tsc writes are considered (`.js`, `.js.map`,
 * `.d.ts`, `.d.ts.map` under the tsconfig's `outDir`); the widget's bundles beside `dist/types`
 * are left to its own build (scripts/clean-bundles.js).
 *
 *   node scripts/prune-dist.js [packageDir …]     default: the four published packages
 * @module
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PUBLISHED = ['packages/shared', 'packages/sandbox', 'packages/bff', 'packages/widget'];
/** tsc's outputs of `src/<x>.ts`: `<x>` plus one of these. */
const OUTPUT = /^(.+)\.(js|js\.map|d\.ts|d\.ts\.map)$/;
/** Sources the tsconfigs exclude: an output of one is stale by definition. */
const NOT_SHIPPED = /\.(test|test-support|fixture)$/;

function filesUnder(dir, prefix = '') {
  const found = [];
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...filesUnder(dir, relative));
    else found.push(relative);
  }
  return found;
}

/** The modules a clean build compiles: `a/b` for `src/a/b.ts`, tests and fixtures left out. */
export function sourceModules(packageDir) {
  return new Set(filesUnder(path.join(packageDir, 'src'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .filter((module) => !NOT_SHIPPED.test(module)));
}

/** The package's tsc output folder, relative to it (its tsconfig's `compilerOptions.outDir`). */
export function outDirOf(packageDir) {
  const tsconfig = JSON.parse(readFileSync(path.join(packageDir, 'tsconfig.json'), 'utf8'));
  const outDir = tsconfig.compilerOptions?.outDir;
  if (typeof outDir !== 'string') throw new Error(`${packageDir}/tsconfig.json names no outDir`);
  return path.normalize(outDir);
}

/** Outputs under the package's outDir that no current source produces, relative to the package. */
export function staleOutputs(packageDir) {
  const outDir = outDirOf(packageDir);
  const absolute = path.join(packageDir, outDir);
  if (!existsSync(absolute)) return [];
  const modules = sourceModules(packageDir);
  return filesUnder(absolute).filter((file) => {
    const output = OUTPUT.exec(file);
    return output !== null && !modules.has(output[1]);
  }).map((file) => path.join(outDir, file));
}

/** Remove `dir` and its parents up to `stop` while they are empty. */
function removeEmptyDirs(dir, stop) {
  for (let current = dir; current.startsWith(`${stop}${path.sep}`); current = path.dirname(current)) {
    if (readdirSync(current).length > 0) return;
    rmdirSync(current);
  }
}

/** Delete the package's stale outputs; returns them. */
export function pruneDist(packageDir) {
  const stale = staleOutputs(packageDir);
  const outDir = path.join(packageDir, outDirOf(packageDir));
  for (const file of stale) {
    rmSync(path.join(packageDir, file));
    removeEmptyDirs(path.dirname(path.join(packageDir, file)), outDir);
  }
  return stale;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const packages = process.argv.length > 2 ? process.argv.slice(2) : PUBLISHED.map((p) => path.join(ROOT, p));
  for (const packageDir of packages) {
    const removed = pruneDist(path.resolve(packageDir));
    if (removed.length > 0) console.log(`prune-dist: removed ${removed.length} stale files from ${path.relative(ROOT, path.resolve(packageDir))} (${removed.slice(0, 4).join(', ')}${removed.length > 4 ? ', …' : ''})`);
  }
}
