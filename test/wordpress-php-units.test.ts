/**
 * The plugin's PHP units (packages/wordpress/tests/php, Debian's PHPUnit) inside a real WordPress
 * with the plugin installed from the built zip: WordPress's own esc_attr, shortcodes, script
 * queue and options, not stand-ins. PHPUnit runs once; each of its tests is reported here by name.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stepTimings } from './support/step-timings.js';
import { startWordPressSite, type WordPressSite } from './support/wordpress.js';
import { installItbBooking } from './support/wordpress-plugin.js';

const PACKAGE = fileURLToPath(new URL('../packages/wordpress/', import.meta.url));
const UNITS = join(PACKAGE, 'tests/php');

/** `test_*` methods per class, read from the sources, so a test PHPUnit never ran shows as failed. */
const declared = readdirSync(UNITS)
  .filter((file) => file.endsWith('Test.php'))
  .flatMap((file) => [...readFileSync(join(UNITS, file), 'utf8').matchAll(/function (test_\w+)/g)].map((match) => `${file.replace(/\.php$/, '')}::${match[1]}`));

interface CaseResult { readonly passed: boolean; readonly message: string }

/** JUnit results by `Class::method` (a method with a data provider has one case per data set). */
function readJunit(xml: string): Map<string, CaseResult[]> {
  const results = new Map<string, CaseResult[]>();
  for (const match of xml.matchAll(/<testcase name="([^"]+)" class="([^"]+)"[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const method = match[1]!.replace(/ with data set .*$/, '');
    const body = match[4] ?? '';
    const key = `${match[2]}::${method}`;
    results.set(key, [...(results.get(key) ?? []), { passed: !/<(failure|error)\b/.test(body), message: body.trim() }]);
  }
  return results;
}

function runPhpUnit(wpLoad: string, junit: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('phpunit', ['-c', join(PACKAGE, 'phpunit.xml.dist'), '--log-junit', junit], { cwd: PACKAGE, env: { ...process.env, ITB_WP_LOAD: wpLoad } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const timings = stepTimings('wordpress-php-units');
const work = mkdtempSync(join(tmpdir(), 'itb-phpunit-'));
let site: WordPressSite | undefined;
let results = new Map<string, CaseResult[]>();
let run: { code: number | null; output: string } = { code: null, output: 'PHPUnit did not run' };

beforeAll(async () => {
  site = await timings.timed('site up', () => startWordPressSite({ timed: timings.timed }));
  await timings.timed('plugin installed', () => installItbBooking(site!, {}));
  const abspath = await site.runPhp('echo ABSPATH;');
  const junit = join(work, 'junit.xml');
  run = await timings.timed('phpunit', () => runPhpUnit(join(abspath, 'wp-load.php'), junit));
  try {
    results = readJunit(readFileSync(junit, 'utf8'));
  } catch {
    results = new Map();
  }
}, 180_000);

afterAll(async () => {
  await site?.stop();
  rmSync(work, { recursive: true, force: true });
  timings.write();
});

it('finds PHP units to run', () => {
  expect(declared.length).toBeGreaterThan(10);
});

it.each(declared)('%s', (name) => {
  const cases = results.get(name);
  expect(cases, `PHPUnit did not report ${name} (exit ${run.code}):\n${run.output}`).toBeDefined();
  const failed = cases!.filter((result) => !result.passed);
  expect(failed.map((result) => result.message)).toEqual([]);
});

it('ends PHPUnit with exit code 0 and no warnings or risky tests', () => {
  expect(run.code, run.output).toBe(0);
  // The plugin added nothing to WordPress's debug log while the units ran (WP_DEBUG is on).
  expect(site!.debugLog().filter((line) => /itb-booking/.test(line))).toEqual([]);
});
