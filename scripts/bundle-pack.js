/**
 * `npm pack` of one built workspace for the production bundle, refusing anything that should not
 * ship. npm packs what the package's `files` names (`dist`), but `tsc -b` never deletes the output
 * of a source file that was moved or removed, so a developer's `dist` carries stale modules no
 * source produces any more. The package is therefore staged first with only the `dist` files whose
 * `src` file still exists (what a clean build would hold) and packed from there: the tarball is the
 * same on a developer's machine and in a fresh Docker build.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What a built package may ship besides its compiled modules. */
const PACKAGE_FILES = new Set(['package.json', 'README.md', 'LICENSE', 'NOTICE', 'CHANGELOG.md']);
/** tsc's outputs of `src/<x>.ts`: `dist/<x>` plus one of these. */
const OUTPUT = /^dist\/(.+)\.(js|js\.map|d\.ts|d\.ts\.map)$/;
/** Sources that never ship (the tsconfigs exclude them; a stray output of one is an error, not a file to drop). */
const NOT_SHIPPED = /\.(test|test-support|fixture)$|(^|\/)(test|tests|__tests__|fixtures)\//;

/**
 * npm without the settings of an `npm test`/`npm run` that may be calling this (npm_config_* in the
 * environment would otherwise apply to the bundle's npm too).
 */
export function npm(args, cwd) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  const run = spawnSync('npm', args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} (in ${cwd}) failed:\n${run.stderr}${run.stdout}`);
  return run.stdout;
}

/** Every non-test source module of `src` (as `a/b` for `src/a/b.ts`). */
function sourceModules(srcDir, prefix = '') {
  const found = [];
  for (const entry of readdirSync(path.join(srcDir, prefix), { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...sourceModules(srcDir, relative));
    else if (relative.endsWith('.ts') && !relative.endsWith('.d.ts')) found.push(relative.slice(0, -'.ts'.length));
  }
  return found.filter((module) => !NOT_SHIPPED.test(module));
}

/**
 * Pack the workspace at `packageDir` into `destination`.
 * @returns {{ name: string, version: string, filename: string, integrity: string, size: number,
 *   unpackedSize: number, files: string[], dropped: string[] }} `dropped`: stale outputs left out
 */
export function packWorkspace(packageDir, destination) {
  const modules = new Set(sourceModules(path.join(packageDir, 'src')));
  const unbuilt = [...modules].filter((module) => !existsSync(path.join(packageDir, 'dist', `${module}.js`)));
  if (unbuilt.length > 0) throw new Error(`${packageDir} is not built (no dist/${unbuilt[0]}.js); run npm run build first`);

  const [listed] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], packageDir));
  const files = [];
  const dropped = [];
  for (const { path: file } of listed.files) {
    if (PACKAGE_FILES.has(file)) {
      files.push(file);
      continue;
    }
    const output = OUTPUT.exec(file);
    if (output === null || NOT_SHIPPED.test(output[1])) throw new Error(`${packageDir} would ship ${file}, which is not a build output (check "files" in its package.json)`);
    if (modules.has(output[1])) files.push(file);
    else dropped.push(file);
  }

  const stage = mkdtempSync(path.join(tmpdir(), 'itb-pack-'));
  try {
    for (const file of files) {
      mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
      copyFileSync(path.join(packageDir, file), path.join(stage, file));
    }
    const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', destination], stage));
    return {
      name: packed.name,
      version: packed.version,
      filename: packed.filename,
      integrity: packed.integrity,
      size: packed.size,
      unpackedSize: packed.unpackedSize,
      files: packed.files.map((f) => f.path).sort(),
      dropped,
    };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
