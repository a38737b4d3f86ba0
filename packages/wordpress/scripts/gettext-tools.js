/**
 * Debian's gettext tools (`xgettext`, `msgmerge`, `msginit`, `msgfmt`), run synchronously. The
 * build and the extraction need them and nothing can stand in for them, so a missing tool stops
 * with the one command that installs it rather than a bare ENOENT.
 * @module
 */
import { spawnSync } from 'node:child_process';

/**
 * Run `tool` with `args`; returns what it printed (msgfmt's `--statistics` go to stderr), throws
 * with its stderr when it fails.
 * @returns {{ stdout: string, stderr: string }}
 */
export function runGettext(tool, args, options = {}) {
  const run = spawnSync(tool, args, { encoding: 'utf8', ...options });
  if (run.error !== undefined) {
    const missing = /** @type {NodeJS.ErrnoException} */ (run.error).code === 'ENOENT';
    throw new Error(missing ? `${tool} not found: install Debian's gettext tools (apt-get install gettext)` : `${tool}: ${run.error.message}`, { cause: run.error });
  }
  if (run.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed:\n${run.stderr.trim()}`);
  return { stdout: run.stdout, stderr: run.stderr };
}
