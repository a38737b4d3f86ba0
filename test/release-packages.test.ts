/**
 * An agency installs a release: @itb/shared, @itb/sandbox, @itb/bff and @itb/widget packed once
 * each with `npm pack` from the built tree (what `npm publish` would upload), linted with publint
 * and Are the Types Wrong, installed from the four tarballs alone into a fresh project outside the
 * repository (production dependencies from the registry), and used there the way a consumer uses
 * them: imported in Node, the CLIs started, the declarations compiled by a strict TypeScript
 * consumer, the widget's script run in Chromium.
 *
 * attw runs with `--profile esm-only`: every package is `"type": "module"` with only `import`/
 * `default` conditions, so the CommonJS resolutions (node10, node16 from CJS) fail by design and
 * are not what we promise; Node's ESM resolution (node16/nodenext) and bundlers are, and any
 * problem there fails the test.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHED } from '../scripts/prune-dist.js';
import { freePort } from '../scripts/stack-parts.js';
import { startCdnServer } from './support/cdn-server.js';
import { hostDocument, openHostPage } from './support/host-page.js';
import { sharedBrowser, stack } from './support/journey.js';
import { stepTimings } from './support/step-timings.js';
import { waitFor, watchChild } from './support/processes.js';
import { cleanEnv } from './support/production-bundle.js';
import { META_FILES, REPO, pack, typesProblems, unexpectedFiles, type Packed } from './support/release.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'itb-release-'));
const consumer = join(work, 'consumer');
const installed = (name: string): string => join(consumer, 'node_modules', name);
const { timed, write: writeTimings } = stepTimings('release-packages');
let packages: Packed[] = [];
const byName = (name: string): Packed => packages.find((p) => p.manifest.name === name) ?? expect.unreachable(`${name} was not packed`);


/** The widget's bundles that the others hang off: the two unversioned files and the pinned two. */
function widgetEntries(): string[] {
  const pinned = JSON.parse(readFileSync(join(installed('@itb/widget'), 'dist/integrity.json'), 'utf8')) as { files: Record<string, string> };
  return ['dist/itb-booking.js', 'dist/itb-booking.iife.js', ...Object.keys(pinned.files).map((file) => `dist/${file}`)];
}

beforeAll(async () => {
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  mkdirSync(consumer);
  packages = await timed('npm pack ×4', () => Promise.all(PUBLISHED.map((location) => pack(location, tarballs))));
  // A consumer's own project: the four tarballs, and Node's types as any TypeScript project on Node has them.
  const dependencies = Object.fromEntries(packages.map((p) => [p.manifest.name, `file:${p.tarball}`]));
  writeFileSync(join(consumer, 'package.json'), `${JSON.stringify({ name: 'clinic-site', private: true, type: 'module', dependencies: { ...dependencies, '@types/node': '^20.19.0' } }, null, 2)}\n`);
  await timed('npm install', () => run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: consumer, env: cleanEnv(), maxBuffer: 16 * 1024 * 1024 }));
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  writeTimings();
});

describe('the tarballs', () => {
  it('carry the licence, notice, changelog and readme, and build output of the current sources only', () => {
    const license = readFileSync(join(REPO, 'LICENSE'), 'utf8');
    for (const packed of packages) {
      const { name, version } = packed.manifest;
      expect(packed.manifest.license, name).toBe('Apache-2.0');
      expect(packed.manifest.publishConfig?.access, name).toBe('public');
      for (const file of META_FILES) expect(packed.files, name).toContain(file);
      expect(readFileSync(join(installed(name), 'LICENSE'), 'utf8'), name).toBe(license);
      expect(readFileSync(join(installed(name), 'NOTICE'), 'utf8'), name).toMatch(new RegExp(`^${name}, part of ITB Booking\\nCopyright 2026 ITB Booking contributors\\n`));
      expect(readFileSync(join(installed(name), 'CHANGELOG.md'), 'utf8'), name).toContain(`\n## ${version}\n`);
      expect(packed.files.filter((file) => /(^|\/)(src|test|tests|test-support|usage)\/|\.(test|test-support|fixture|unit\.test)\.|tsbuildinfo$/.test(file)), name).toEqual([]);
      // .d.ts beside the JavaScript: every types condition points into the tarball.
      expect(packed.files.filter((file) => file.endsWith('.d.ts')).length, name).toBeGreaterThan(0);
      const entries = name === '@itb/widget' ? widgetEntries() : [];
      expect(unexpectedFiles(packed, installed(name), entries), `${name}: files no current source or entry accounts for`).toEqual([]);
    }
  });

  it('pass publint with warnings counted as errors, and without a suggestion', async () => {
    await timed('publint ×4', async () => {
      for (const packed of packages) {
        const bytes = readFileSync(packed.tarball);
        const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        const { messages, pkg } = await publint({ pack: { tarball }, strict: true, level: 'suggestion' });
        expect(messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`), packed.manifest.name).toEqual([]);
      }
    });
  });

  it('resolve to JavaScript and its types for ESM consumers, under node16 and bundler (Are the Types Wrong)', async () => {
    const results = await timed('attw ×4', () => Promise.all(packages.map(async (packed) => {
      // The classic script is a file to serve or copy, not a module to import: it exports nothing
      // and has no types to resolve, by design.
      const extra = packed.manifest.name === '@itb/widget' ? ['--exclude-entrypoints', './itb-booking.iife.js'] : [];
      return { name: packed.manifest.name, ...(await typesProblems(packed.tarball, extra)) };
    })));
    for (const result of results) {
      expect(result.typed, `${result.name} ships types`).toBe(true);
      expect(result.problems, result.name).toEqual([]);
      expect(result.code, result.name).toBe(0);
    }
  }, 120_000);
});

describe('installed from the tarballs alone, outside the repository', () => {
  it('@itb/shared imports in Node with every export of the build', async () => {
    expect(consumer.startsWith(REPO)).toBe(false);
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', "console.log(JSON.stringify(Object.keys(await import('@itb/shared')).sort()))"], { cwd: consumer, env: cleanEnv() });
    const built = Object.keys(await import(join(REPO, 'packages/shared/dist/index.js'))).sort();
    expect(JSON.parse(stdout)).toEqual(built);
    expect(built).toContain('matchLocale');
  });

  it('@itb/bff: itb-bff --help exits 0 and lists the settings, and createBff imports', async () => {
    const help = await run(join(consumer, 'node_modules/.bin/itb-bff'), ['--help'], { cwd: consumer, env: cleanEnv() });
    expect(help.stdout).toContain('Usage: itb-bff');
    expect(help.stdout).toContain('ITB_PUBLIC_URL');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', "const bff = await import('@itb/bff'); console.log(typeof bff.createBff, typeof bff.parseConfig)"], { cwd: consumer, env: cleanEnv() });
    expect(stdout.trim()).toBe('function function');
  });

  it('@itb/sandbox: itb-sandbox starts and serves the FHIR API', async () => {
    const port = await freePort();
    const child = spawn(join(consumer, 'node_modules/.bin/itb-sandbox'), [], { cwd: consumer, env: cleanEnv({ ITB_SANDBOX_PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
    const output = watchChild(child, 'itb-sandbox');
    try {
      let statement: { resourceType?: string } = {};
      await waitFor('the sandbox', output, async () => {
        const response = await fetch(`http://localhost:${port}/demo/1.0/R4/fhir/metadata`, { signal: AbortSignal.timeout(2000) });
        statement = await response.json() as typeof statement;
        return response.ok;
      }, 30_000);
      expect(statement.resourceType).toBe('CapabilityStatement');
    } finally {
      await output.stop();
    }
  }, 60_000);

  it('a strict TypeScript consumer compiles against every package under node16 and bundler', async () => {
    writeFileSync(join(consumer, 'consumer.ts'), [
      "import { matchLocale, type LocaleCode } from '@itb/shared';",
      "import { createBff, parseConfig, type BffConfig } from '@itb/bff';",
      "import { createSandbox, type Sandbox } from '@itb/sandbox';",
      "import { ItbBooking } from '@itb/widget';",
      "import '@itb/widget/itb-booking.js';",
      '',
      "export const locale: LocaleCode | undefined = matchLocale('da-DK');",
      'export const sandbox: Promise<Sandbox> = createSandbox({ port: 0 });',
      '// Typed, not any: a wrong argument is an error.',
      '// @ts-expect-error the port is a number',
      "void createSandbox({ port: '4010' });",
      'export const build: (config: BffConfig) => unknown = createBff;',
      'export const parse: typeof parseConfig = parseConfig;',
      "export const element: ItbBooking = document.createElement('itb-booking');",
      '',
    ].join('\n'));
    const settings = {
      node16: { module: 'node16', moduleResolution: 'node16' },
      bundler: { module: 'esnext', moduleResolution: 'bundler' },
    };
    await timed('tsc node16 + bundler', () => Promise.all(Object.entries(settings).map(async ([mode, options]) => {
      const tsconfig = join(consumer, `tsconfig.${mode}.json`);
      // skipLibCheck off: our declarations (and what they import) must type-check in a consumer too.
      writeFileSync(tsconfig, JSON.stringify({ compilerOptions: { ...options, target: 'es2022', lib: ['ES2023', 'DOM'], types: ['node'], strict: true, noEmit: true, skipLibCheck: false }, files: ['consumer.ts'] }));
      const tsc = await run(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { cwd: consumer, env: cleanEnv() })
        .then(() => '', (error: { stdout?: string }) => error.stdout ?? String(error));
      expect(tsc, mode).toBe('');
    })));
  }, 60_000);

  it('@itb/widget: its dist/itb-booking.js, from another origin, defines <itb-booking>, which shows the clinics', async () => {
    const cdn = await startCdnServer(join(installed('@itb/widget'), 'dist'));
    const html = hostDocument(`<script type="module" src="${cdn.origin}/itb-booking.js"></script>`, `<itb-booking bff="${stack().bffPublic}"></itb-booking>`);
    const host = await openHostPage(await sharedBrowser(), new URL('/installed-widget.html', stack().demo).href, html);
    try {
      await host.page.waitForFunction(() => customElements.get('itb-booking') !== undefined)
        .catch((error: unknown) => { throw new Error(`<itb-booking> was not defined; requested ${cdn.requested.join(', ')}; console:\n${host.console.join('\n')}`, { cause: error }); });
      await host.page.locator('itb-booking').getByRole('radio', { name: /Stockholm City/ }).waitFor({ state: 'visible' });
      expect(cdn.requested[0]).toBe('/itb-booking.js');
    } finally {
      await host.close();
      await cdn.close();
    }
  });
});
