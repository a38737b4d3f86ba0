#!/usr/bin/env node
// Runs every test suite in order (unit/integration under vitest, widget components in Chromium,
// end-to-end journeys in Chromium), then prints one closing line "N passed, N failed" summing all
// suites, so CI logs end with a single verdict. Exits non-zero if any suite failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'itb-test-'));
let passed = 0;
let failed = 0;
let anySuiteFailed = false;

function vitest(name, args) {
  const report = join(work, `${name}.json`);
  const run = spawnSync('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: root, stdio: 'inherit' });
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.numPassedTests;
    failed += result.numFailedTests;
  }
  if (run.status !== 0) anySuiteFailed = true;
}

function webTestRunner() {
  const config = join(root, 'packages/widget/web-test-runner.config.js');
  if (!existsSync(config)) return;
  const report = join(work, 'wtr.json');
  const run = spawnSync('npx', ['web-test-runner', '--config', config], { cwd: join(root, 'packages/widget'), stdio: 'inherit', env: { ...process.env, ITB_WTR_REPORT: report } });
  if (existsSync(report)) {
    const result = JSON.parse(readFileSync(report, 'utf8'));
    passed += result.passed;
    failed += result.failed;
  }
  if (run.status !== 0) anySuiteFailed = true;
}

vitest('node', []);
webTestRunner();
if (existsSync(join(root, 'test/vitest.config.ts'))) vitest('e2e', ['--config', 'test/vitest.config.ts']);

rmSync(work, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(anySuiteFailed || failed > 0 ? 1 : 0);
