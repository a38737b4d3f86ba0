/**
 * The BFF's production bundle as deploy/Dockerfile uses it: built by scripts/bff-bundle.js into a
 * folder outside the repository (so no module can resolve from the repository's node_modules),
 * installed there with `npm ci --omit=dev` from the real registry (through the npm cache), and
 * instances started with the image's CMD and ENV in that folder.
 */
import { execFile, spawn } from 'node:child_process';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { RuntimeStage } from './dockerfile.js';
import { waitFor, watchChild, type ChildOutput } from './processes.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE_SCRIPT = join(REPO, 'scripts/bff-bundle.js');

/**
 * The environment of a fresh container or CI shell: no npm_config_* of the `npm test` that runs
 * us, no NODE_OPTIONS or NODE_PATH of the test runner (NODE_PATH could reach the repository's
 * modules). A proxy the machine needs for the registry stays.
 */
export function cleanEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const kept = Object.entries(process.env).filter((entry): entry is [string, string] => {
    const [name, value] = entry;
    return value !== undefined && (['PATH', 'HOME', 'TMPDIR', 'LANG'].includes(name) || /_proxy$/i.test(name));
  });
  return { ...Object.fromEntries(kept), ...extra };
}

/** Build the bundle into `dir` with the script the Dockerfile's build stage runs; its output. */
export async function buildBundle(dir: string): Promise<string> {
  const { stdout } = await run(process.execPath, [BUNDLE_SCRIPT, dir], { cwd: REPO, env: cleanEnv() });
  return stdout;
}

/** `npm ci --omit=dev` in `dir`, as the Dockerfile's install stage (preferring the npm cache). */
export async function installBundle(dir: string): Promise<void> {
  await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 });
}

export interface BundledBff {
  readonly port: number;
  readonly output: ChildOutput;
}

/** The image's CMD, with the image's WORKDIR standing for `dir`. */
export function commandIn(stage: RuntimeStage, dir: string): string[] {
  return stage.cmd.map((part, index) => {
    if (index > 0 || !isAbsolute(part)) return part;
    const inside = relative(stage.workdir, part);
    if (inside.startsWith('..')) throw new Error(`the image's CMD ${part} is outside its WORKDIR ${stage.workdir}`);
    return join(dir, inside);
  });
}

/** Start one instance from the installed bundle in `dir` as the image runs it, on `port`; resolves when /healthz answers. */
export async function startBundledBff(stage: RuntimeStage, dir: string, port: number, env: Readonly<Record<string, string>>): Promise<BundledBff> {
  const [command = '', ...args] = commandIn(stage, dir);
  const child = spawn(command, args, { cwd: dir, env: cleanEnv({ ...stage.env, ...env, ITB_BFF_PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = watchChild(child, `itb-bff on ${port}`);
  try {
    await waitFor(`itb-bff on ${port}`, output, async () => (await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) })).ok);
  } catch (error) {
    await output.stop();
    throw error;
  }
  return { port, output };
}
