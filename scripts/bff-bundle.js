#!/usr/bin/env node
/**
 * The BFF's production bundle: a folder holding `@itb/shared` and `@itb/bff` packed from their
 * built `dist`, and a package.json + package-lock.json that depend on the two tarballs, so that
 * `npm ci --omit=dev` in that folder alone installs `node_modules/.bin/itb-bff` with production
 * dependencies only, at the versions this repository's lockfile pins. deploy/Dockerfile copies
 * exactly this folder; test/production-bundle.test.ts installs and runs it the same way.
 *
 * Usage (after `npm run build`, or `tsc -b packages/bff`):
 *   node scripts/bff-bundle.js [outDir]      default: deploy/bundle
 * @module
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleLockfile } from './bundle-lock.js';
import { packWorkspace } from './bundle-pack.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The bundled workspaces; the BFF's only workspace dependency at run time is @itb/shared. */
const WORKSPACES = ['packages/shared', 'packages/bff'];
const BUNDLE_NAME = 'itb-bff-bundle';

/** `outDir` emptied for a new bundle: refused when it holds anything but an earlier bundle. */
function prepare(outDir) {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    const manifest = path.join(outDir, 'package.json');
    const earlier = existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === BUNDLE_NAME;
    if (!earlier) throw new Error(`${outDir} is not empty and holds no earlier bundle; pick an empty folder`);
    rmSync(outDir, { recursive: true, force: true });
  }
  mkdirSync(outDir, { recursive: true });
}

/** The bundle's lockfile is cut from the repository's, so that must describe what package.json asks for. */
function checkLockCurrent(repoLock, location) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, location, 'package.json'), 'utf8'));
  const locked = repoLock.packages?.[location] ?? {};
  const sorted = (ranges) => JSON.stringify(Object.entries(ranges ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    if (sorted(manifest[field]) !== sorted(locked[field])) {
      throw new Error(`package-lock.json is out of date for ${location} (${field}); run npm install first`);
    }
  }
}

/**
 * Build the bundle into `outDir`.
 * @param {string} outDir
 * @returns {{ outDir: string, tarballs: ReturnType<typeof packWorkspace>[] }}
 */
export function buildBffBundle(outDir) {
  const target = path.resolve(outDir);
  const repoLock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));
  for (const location of WORKSPACES) checkLockCurrent(repoLock, location);
  prepare(target);
  const tarballs = WORKSPACES.map((location) => ({ location, ...packWorkspace(path.join(ROOT, location), target) }));
  const bff = JSON.parse(readFileSync(path.join(ROOT, 'packages/bff/package.json'), 'utf8'));
  const { packageJson, lock } = bundleLockfile(repoLock, {
    name: BUNDLE_NAME,
    version: bff.version,
    engines: bff.engines,
    workspaces: tarballs.map((t) => ({ location: t.location, name: t.name, file: t.filename, integrity: t.integrity })),
  });
  writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  writeFileSync(path.join(target, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  return { outDir: target, tarballs };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { outDir, tarballs } = buildBffBundle(process.argv[2] ?? path.join(ROOT, 'deploy/bundle'));
    for (const t of tarballs) {
      const stale = t.dropped.length === 0 ? '' : ` (left out ${t.dropped.length} stale dist files no source produces)`;
      console.log(`${t.filename}: ${t.files.length} files, ${(t.size / 1024).toFixed(0)} KB packed${stale}`);
    }
    console.log(`bundle in ${outDir}: npm ci --omit=dev there, then node_modules/.bin/itb-bff`);
  } catch (error) {
    console.error(`bff-bundle: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
