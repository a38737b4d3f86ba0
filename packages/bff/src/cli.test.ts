import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '@itb/sandbox';
import { SETTINGS } from './config-settings.js';
import { bffTestEnvVars, freePort, type TestSandbox } from '../test/bff-test-env.test-support.js';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

interface Run { child: ChildProcess; stdout: () => string; stderr: () => string; exit: Promise<number | null> }

/** Run the CLI from source (tsx) with exactly `env` (plus PATH). */
function run(args: string[], env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => { out += String(chunk); });
  child.stderr?.on('data', (chunk) => { err += String(chunk); });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let sandbox: TestSandbox;
beforeAll(async () => { sandbox = await createSandbox({ port: 0 }); });
afterAll(async () => { await sandbox.close(); });

describe('itb-bff CLI', () => {
  it('--help lists every setting and exits 0', async () => {
    const help = run(['--help'], {});
    expect(await help.exit).toBe(0);
    for (const name of Object.keys(SETTINGS)) expect(help.stdout()).toContain(name);
  });

  it('stops with exit code 2 and one message naming every missing key', async () => {
    const bad = run([], { ITB_API_KEY: 'secret-value-123', ITB_BFF_PORT: 'eighty' });
    expect(await bad.exit).toBe(2);
    expect(bad.stderr()).toContain('ITB_BFF_PORT:');
    expect(bad.stderr()).toContain('ITB_PUBLIC_URL: required');
    expect(bad.stderr()).not.toContain('secret-value-123');
  });

  it('serves, and on SIGTERM lets the in-flight request finish before exiting 0', async () => {
    const port = await freePort();
    const env = bffTestEnvVars(sandbox, `http://localhost:${port}`, { ITB_BFF_PORT: String(port), ITB_LOG_LEVEL: 'info' });
    const bff = run([], env);
    try {
      await until(() => bff.stdout().includes('itb-bff listening'), 15_000);
      expect((await fetch(`http://localhost:${port}/healthz`)).status).toBe(200);
      sandbox.knobs.setLatency(700);
      const before = sandbox.knobs.requestCount('HealthcareService');
      const inFlight = fetch(`http://localhost:${port}/fhir/HealthcareService`);
      // In flight = the BFF has asked the (slow) sandbox and not answered yet.
      await until(() => sandbox.knobs.requestCount('HealthcareService') > before, 5_000);
      bff.child.kill('SIGTERM');
      expect((await inFlight).status).toBe(200);
      const code = await bff.exit;
      expect(code, bff.stdout().slice(-3000) + bff.stderr()).toBe(0);
      expect(bff.stdout()).toContain('shutting down');
      expect(bff.stdout()).not.toContain(sandbox.apiKey);
    } finally {
      sandbox.knobs.reset();
      if (bff.child.exitCode === null) bff.child.kill('SIGKILL');
    }
  });
});
