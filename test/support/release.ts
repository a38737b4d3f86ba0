/**
 * The published packages as `npm publish` packs them, and what each tarball may hold. A tarball
 * carries the package's metadata files, the targets of its `exports` and `bin`, tsc's outputs of
 * the sources that exist now (not those of moved or deleted ones, which `tsc -b` leaves in
 * `dist`), and for the widget the bundles an entry reaches (not an earlier build's chunks), their
 * source maps and precompressed copies.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { outDirOf, sourceModules } from '../../scripts/prune-dist.js';
import { cleanEnv } from './production-bundle.js';

const run = promisify(execFile);
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Files every published package ships beside its build output. */
export const META_FILES = ['package.json', 'README.md', 'LICENSE', 'NOTICE', 'CHANGELOG.md'] as const;

export interface Manifest {
  name: string;
  version: string;
  license?: string;
  exports?: Record<string, string | Record<string, string>>;
  bin?: Record<string, string>;
  publishConfig?: { access?: string };
}

export interface Packed {
  /** `packages/<name>` */
  readonly location: string;
  readonly manifest: Manifest;
  /** The tarball's path. */
  readonly tarball: string;
  /** Paths inside the package, as npm lists them. */
  readonly files: readonly string[];
}

/** `npm pack` of the workspace at `location` into `destination`, as `npm publish` would pack it. */
export async function pack(location: string, destination: string): Promise<Packed> {
  const cwd = join(REPO, location);
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (packed === undefined) throw new Error(`npm pack in ${location} printed nothing`);
  return {
    location,
    manifest: JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as Manifest,
    tarball: join(destination, packed.filename),
    files: packed.files.map((f) => f.path).sort(),
  };
}

/** Every file an `exports` or `bin` entry names, without `./`. */
function declaredTargets(manifest: Manifest): string[] {
  const targets: string[] = [];
  for (const value of Object.values(manifest.exports ?? {})) targets.push(...(typeof value === 'string' ? [value] : Object.values(value)));
  targets.push(...Object.values(manifest.bin ?? {}));
  return targets.map((target) => posix.normalize(target));
}

/** Relative imports of an ES module or chunk (static, dynamic and side-effect), minified or not. */
const RELATIVE_IMPORT = /\b(?:from|import)\s*\(?\s*(["'`])(\.{1,2}\/[^"'`]+?)\1/g;

/** The files `entries` (paths in the package) load through relative imports, entries included. */
export function reachableBundles(packageDir: string, entries: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(packageDir, file), 'utf8');
    for (const match of text.matchAll(RELATIVE_IMPORT)) queue.push(posix.join(posix.dirname(file), match[2]!));
  }
  return seen;
}

/**
 * The files of `packed` that it has no business shipping. `packageDir` holds the files as packed
 * (the installed package); the workspace's `src` says which of tsc's outputs are current.
 * @param bundleEntries for a bundled package, the entry files its other bundles hang off
 */
export function unexpectedFiles(packed: Packed, packageDir: string, bundleEntries: readonly string[] = []): string[] {
  const allowed = new Set<string>([...META_FILES, ...declaredTargets(packed.manifest)]);
  const workspace = join(REPO, packed.location);
  const outDir = `${outDirOf(workspace).split('\\').join('/')}/`;
  const current = sourceModules(workspace);
  const bundles = reachableBundles(packageDir, bundleEntries.filter((entry) => packed.files.includes(entry)));
  for (const file of bundles) allowed.add(file);
  const isAllowed = (file: string): boolean => {
    if (allowed.has(file)) return true;
    const output = file.startsWith(outDir) ? /^(.+)\.(js|js\.map|d\.ts|d\.ts\.map)$/.exec(file.slice(outDir.length)) : null;
    if (output !== null && current.has(output[1]!)) return true;
    // A source map or precompressed copy of an allowed file.
    const twin = /^(.+)\.(map|br|gz)$/.exec(file);
    return twin !== null && isAllowed(twin[1]!);
  };
  return packed.files.filter((file) => !isAllowed(file));
}

/** Exit code and stdout of a command that may fail (attw exits 1 when it finds a problem). */
export async function runAllowingFailure(command: string, args: readonly string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, [...args], { cwd, env: cleanEnv(), maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

/** The resolutions `attw --profile esm-only` checks: Node's ESM (node16/nodenext) and bundlers. */
const ESM_RESOLUTIONS = new Set(['node16-esm', 'bundler']);

/**
 * Are the Types Wrong on `tarball` for ESM consumers, as `problem (entrypoint, resolution)` lines
 * (empty when there is none), with the CLI's exit code. `--format json` lists the problems of every
 * resolution, the profile's ignored ones too, so they are filtered here as the profile filters them.
 */
export async function typesProblems(tarball: string, extraArgs: readonly string[] = []): Promise<{ code: number; problems: string[]; typed: boolean }> {
  const attw = join(REPO, 'node_modules/.bin/attw');
  const result = await runAllowingFailure(attw, [tarball, '--profile', 'esm-only', '--format', 'json', ...extraArgs], dirname(tarball));
  if (result.stdout.trim() === '') throw new Error(`attw printed nothing (exit ${result.code}): ${result.stderr}`);
  const report = JSON.parse(result.stdout) as {
    analysis: { types: false | { kind: string } };
    problems?: Record<string, Array<{ kind: string; entrypoint?: string; resolutionKind?: string }>>;
  };
  const problems = Object.values(report.problems ?? {}).flat()
    .filter((p) => p.resolutionKind === undefined || ESM_RESOLUTIONS.has(p.resolutionKind))
    .map((p) => `${p.kind} (${p.entrypoint ?? 'package'}, ${p.resolutionKind ?? 'any'})`);
  return { code: result.code, problems, typed: report.analysis.types !== false };
}
