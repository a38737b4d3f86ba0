/// <reference types="node" />
// The usage files' type checks can fail: each checker runs once over a temp folder holding the usage
// file as it is and a copy with `terms-url` misspelt, and must pass the first and name the attribute
// in the second. Needs the built package (dist/types, dist/frameworks): `npm run build -w @itb/widget`.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WIDGET = fileURLToPath(new URL('../../', import.meta.url));
const USAGE = join(WIDGET, 'usage');
const require = createRequire(join(WIDGET, 'package.json'));
const bin = (pkg: string, path: string) => join(require.resolve(`${pkg}/package.json`).replace(/package\.json$/, ''), path);

interface Run { readonly code: number | null; readonly output: string }
const run = (script: string, args: string[], cwd: string) => new Promise<Run>((resolve) => {
  execFile(process.execPath, [script, ...args], { cwd, timeout: 120_000 }, (error, stdout, stderr) => {
    resolve({ code: error === null ? 0 : (typeof error.code === 'number' ? error.code : null), output: `${stdout}${stderr}` });
  });
});

/** Copies a usage file, and a copy of it with `terms-url` misspelt as `terms-ulr`, into `dir`. */
function withMisspelt(dir: string, file: string, bad: string): void {
  const text = readFileSync(join(USAGE, file), 'utf8');
  expect(text).toContain('terms-url=');
  writeFileSync(join(dir, file), text);
  writeFileSync(join(dir, bad), text.replace('terms-url=', 'terms-ulr='));
}

/**
 * A usage tsconfig pointed at other files (comments dropped: JSON.parse reads no comments). Library
 * declarations are skipped here for speed; `npm run typecheck` checks them.
 */
function tsconfig(dir: string, from: string, files: { files?: string[]; include?: string[] }): void {
  const json = JSON.parse(readFileSync(join(USAGE, from), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as { compilerOptions: object };
  const compilerOptions = { ...json.compilerOptions, skipLibCheck: true };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...json, compilerOptions, ...files }, null, 2));
}

describe('the framework type checks', () => {
  let vue: string;
  let svelte: string;
  // Both checkers start at once and each test awaits its own: the two take about as long as one.
  let vueRun: Promise<Run>;
  let svelteRun: Promise<Run>;

  beforeAll(() => {
    for (const built of ['dist/types/index.d.ts', 'dist/frameworks/vue.d.ts', 'dist/frameworks/svelte.d.ts']) {
      if (!existsSync(join(WIDGET, built))) throw new Error(`${built} is missing: run \`npm run build -w @itb/widget\` first`);
    }
    // Outside the repository, as an app would be; its node_modules is the repository's.
    const modules = fileURLToPath(new URL('../../../../node_modules', import.meta.url));
    vue = mkdtempSync(join(tmpdir(), 'itb-vue-'));
    svelte = mkdtempSync(join(tmpdir(), 'itb-svelte-'));
    for (const dir of [vue, svelte]) symlinkSync(modules, join(dir, 'node_modules'), 'dir');
    withMisspelt(vue, 'vue.vue', 'vue-misspelt.vue');
    copyFileSync(join(USAGE, 'vue-env.d.ts'), join(vue, 'vue-env.d.ts'));
    tsconfig(vue, 'tsconfig.vue.json', { files: ['vue.vue', 'vue-misspelt.vue', 'vue-env.d.ts'] });
    withMisspelt(svelte, 'svelte.svelte', 'svelte-misspelt.svelte');
    for (const file of ['svelte-env.d.ts', 'svelte.config.js']) copyFileSync(join(USAGE, file), join(svelte, file));
    tsconfig(svelte, 'tsconfig.svelte.json', { files: ['svelte-env.d.ts'], include: ['*.svelte'] });
    vueRun = run(bin('vue-tsc', 'bin/vue-tsc.js'), ['-p', 'tsconfig.json'], vue);
    svelteRun = run(bin('svelte-check', 'bin/svelte-check'), ['--tsconfig', 'tsconfig.json', '--fail-on-warnings', '--output', 'machine'], svelte);
  });

  afterAll(async () => {
    await Promise.allSettled([vueRun, svelteRun]);
    for (const dir of [vue, svelte]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('vue-tsc passes usage/vue.vue and names a misspelt attribute', { timeout: 120_000 }, async () => {
    const { code, output } = await vueRun;
    expect(code, output).not.toBe(0);
    const errors = output.split('\n').filter((line) => line.includes('error TS'));
    expect(errors, output).toHaveLength(1);
    // Vue camelizes attributes on a component, and so does its message.
    expect(errors[0]).toMatch(/^vue-misspelt\.vue\(\d+,\d+\): error TS2561: .*'termsUlr' does not exist .*Did you mean to write 'termsUrl'\?/);
  });

  it('svelte-check passes usage/svelte.svelte and names a misspelt attribute', { timeout: 120_000 }, async () => {
    const { code, output } = await svelteRun;
    expect(code, output).not.toBe(0);
    const problems = output.split('\n').filter((line) => / (ERROR|WARNING) /.test(line));
    expect(problems, output).toHaveLength(1);
    expect(problems[0]).toMatch(/ ERROR "svelte-misspelt\.svelte" \d+:\d+ ".*terms-ulr.* does not exist in type 'ItbBookingSvelteProps'/);
  });
});
