import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '@itb/sandbox';
import { readOutcome } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';
import { createUpstreamClient } from './upstream.js';

const TIMEOUT_MS = 1000;
const CLINIC = '/fhir/HealthcareService/hs-stockholm-city';

let env: BffTestEnv;
beforeAll(async () => {
  // No catalog cache: every request reaches the sandbox, so each fault is felt.
  env = await startBffTestEnv({ env: { ITB_CATALOG_TTL_SECONDS: '0', ITB_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) } });
});
afterEach(() => { env.sandbox.knobs.reset(); env.sandbox.knobs.resetCounts(); });
afterAll(async () => { await env.close(); });

async function timed(url: string) {
  const started = performance.now();
  const res = await env.app.inject({ url });
  return { res, ms: performance.now() - started, reason: res.statusCode >= 400 ? readOutcome(res.json(), res.statusCode).reason : undefined };
}

function expectNoSecrets(body: string): void {
  expect(body).not.toContain(env.config.apiKey);
  expect(body).not.toMatch(/itb-sys\./);
}

describe('upstream faults', () => {
  it('retries a single 5xx on a read and succeeds', async () => {
    env.sandbox.knobs.injectFault({ kind: '500', count: 1, match: 'HealthcareService/hs-stockholm-city' });
    const { res } = await timed(CLINIC);
    expect(res.statusCode).toBe(200);
    expect(env.sandbox.knobs.requestCount('HealthcareService/hs-stockholm-city')).toBe(2);
  });

  for (const kind of ['500', '503', 'drop'] as const) {
    it(`answers a lasting ${kind} with 502 upstream-unavailable within the timeout, then recovers`, async () => {
      env.sandbox.knobs.injectFault({ kind, count: Number.POSITIVE_INFINITY, match: 'HealthcareService/hs-stockholm-city' });
      const failed = await timed(CLINIC);
      expect(failed.res.statusCode).toBe(502);
      expect(failed.reason).toBe('upstream-unavailable');
      expect(failed.ms).toBeLessThan(TIMEOUT_MS + 300);
      expect(env.sandbox.knobs.requestCount('HealthcareService/hs-stockholm-city')).toBe(3);
      expectNoSecrets(failed.res.body);
      env.sandbox.knobs.reset();
      expect((await timed(CLINIC)).res.statusCode).toBe(200);
    });
  }

  it('answers a hanging upstream with 504 upstream-timeout at the deadline, then recovers', async () => {
    env.sandbox.knobs.injectFault({ kind: 'timeout', count: Number.POSITIVE_INFINITY, match: 'HealthcareService/hs-stockholm-city' });
    const failed = await timed(CLINIC);
    expect(failed.res.statusCode).toBe(504);
    expect(failed.reason).toBe('upstream-timeout');
    expect(failed.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(failed.ms).toBeLessThan(TIMEOUT_MS + 300);
    env.sandbox.knobs.reset();
    expect((await timed(CLINIC)).res.statusCode).toBe(200);
  });

  it('shares one system-token call among concurrent requests', async () => {
    const fresh = await startBffTestEnv({ sandbox: env.sandbox });
    try {
      env.sandbox.knobs.resetCounts();
      const answers = await Promise.all(['hs-oslo-sentrum', 'hs-bergen-sentrum', 'hs-oslo-majorstuen'].map((id) => fresh.app.inject({ url: `/fhir/HealthcareService/${id}` })));
      expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
      expect(env.sandbox.knobs.requestCount('system-token')).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('credentials', () => {
  it('answers 502 upstream-unavailable for a wrong API key and leaks nothing', async () => {
    const wrong = await startBffTestEnv({ sandbox: env.sandbox, env: { ITB_API_KEY: 'wrong-key-4f1c9e' } });
    try {
      const res = await wrong.app.inject({ url: CLINIC });
      expect(res.statusCode).toBe(502);
      expect(readOutcome(res.json()).reason).toBe('upstream-unavailable');
      expect(res.body).not.toContain('wrong-key-4f1c9e');
      expect(JSON.stringify(res.headers)).not.toContain('wrong-key-4f1c9e');
      const ready = await wrong.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.body).not.toContain('wrong-key-4f1c9e');
    } finally {
      await wrong.close();
    }
  });

  it('refreshes the system token once when upstream refuses it (401)', async () => {
    // Tokens of this sandbox live 1 s; a clock that stands still keeps ours "valid" in the cache
    // after the sandbox has expired it, so the next call meets a 401 and must refresh once.
    let tokenTime = Date.now();
    const sandbox = await createSandbox({ port: 0, systemTokenTtlSeconds: 1, systemTokenClock: () => tokenTime });
    try {
      const client = createUpstreamClient({
        fhirBase: sandbox.fhirBase, tokenUrl: sandbox.systemTokenUrl, apiKey: sandbox.apiKey, timeoutMs: 3000, clock: () => 0,
      });
      expect((await client.request({ path: 'HealthcareService/hs-bergen-sentrum', auth: 'system' })).status).toBe(200);
      expect(sandbox.knobs.requestCount('system-token')).toBe(1);
      tokenTime += 1001;
      const [a, b] = await Promise.all([
        client.request({ path: 'HealthcareService/hs-bergen-sentrum', auth: 'system' }),
        client.request({ path: 'HealthcareService/hs-oslo-sentrum', auth: 'system' }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(sandbox.knobs.requestCount('system-token')).toBe(2);
    } finally {
      await sandbox.close();
    }
  });

  it('encodes ids with colons in paths', async () => {
    const client = createUpstreamClient({ fhirBase: env.sandbox.fhirBase, tokenUrl: env.sandbox.systemTokenUrl, apiKey: env.sandbox.apiKey, timeoutMs: 3000 });
    const res = await client.request({ path: 'HealthcareService/hs:with:colons', auth: 'system' });
    expect(res.status).toBe(404);
    expect(env.sandbox.knobs.requestCount('HealthcareService/hs:with:colons')).toBe(1);
  });
});

describe('logs', () => {
  it('never carry the API key or a token, even at debug level during faults', async () => {
    const chunks: string[] = [];
    const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } });
    const logged = await startBffTestEnv({ sandbox: env.sandbox, env: { ITB_CATALOG_TTL_SECONDS: '0', ITB_UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) }, logger: { level: 'trace', stream } });
    const wrongKey = await startBffTestEnv({ sandbox: env.sandbox, env: { ITB_API_KEY: 'wrong-key-77aa' }, logger: { level: 'trace', stream } });
    try {
      await logged.app.inject({ url: CLINIC });
      for (const kind of ['500', 'drop', 'timeout'] as const) {
        env.sandbox.knobs.injectFault({ kind, count: Number.POSITIVE_INFINITY, match: 'HealthcareService/hs-stockholm-city' });
        await logged.app.inject({ url: CLINIC });
        env.sandbox.knobs.reset();
      }
      await wrongKey.app.inject({ url: CLINIC });
      const token = await logged.app.upstream.systemToken();
      const text = chunks.join('');
      expect(text).toContain('request failed');
      expect(text).not.toContain(env.config.apiKey);
      expect(text).not.toContain('wrong-key-77aa');
      expect(text).not.toContain(token);
      expect(text).not.toMatch(/itb-sys\./);
    } finally {
      await logged.close();
      await wrongKey.close();
    }
  });
});

describe('readiness', () => {
  it('is live and ready while the sandbox answers, not ready when it does not; polls within a few seconds share one check', async () => {
    let now = Date.now();
    const polled = await startBffTestEnv({ sandbox: env.sandbox, now: () => new Date(now) });
    try {
      expect((await polled.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      env.sandbox.knobs.resetCounts();
      for (let i = 0; i < 20; i += 1) expect((await polled.app.inject({ url: '/readyz' })).statusCode).toBe(200);
      expect(env.sandbox.knobs.requestCount('metadata')).toBe(1);
      env.sandbox.knobs.injectFault({ kind: '503', count: Number.POSITIVE_INFINITY, match: 'metadata' });
      now += 3000;
      const notReady = await polled.app.inject({ url: '/readyz' });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toMatchObject({ resourceType: 'OperationOutcome' });
    } finally {
      await polled.close();
    }
  });
});
