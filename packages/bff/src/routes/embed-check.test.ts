// GET /embed-check: what a site's own server asks before it embeds the widget (the WordPress
// plugin's "Test connection"). Each answer must say which of the three set-up mistakes it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome } from '@itb/shared';
import { TEST_ORIGIN, startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';

let env: BffTestEnv;
beforeAll(async () => {
  env = await startBffTestEnv();
});
afterAll(async () => {
  await env.close();
});

describe('GET /embed-check', () => {
  it('answers 200 with an information outcome for an allowed origin while the BFF is ready', async () => {
    const res = await env.app.inject({ url: '/embed-check', headers: { origin: TEST_ORIGIN } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] });
    expect(body.issue[0].diagnostics).toContain(TEST_ORIGIN);
  });

  it('refuses an origin outside ITB_ALLOWED_ORIGINS with 403 origin-not-allowed, naming the origin and the setting', async () => {
    const res = await env.app.inject({ url: '/embed-check', headers: { origin: 'https://unlisted-clinic.example' } });
    expect(res.statusCode).toBe(403);
    const outcome = readOutcome(res.json(), res.statusCode);
    expect(outcome.reason).toBe('origin-not-allowed');
    expect(res.body).toContain('https://unlisted-clinic.example');
    expect(res.body).toContain('ITB_ALLOWED_ORIGINS');
    // No CORS grant for the unlisted page either.
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('asks for the Origin header when there is none (400)', async () => {
    const res = await env.app.inject({ url: '/embed-check' });
    expect(res.statusCode).toBe(400);
    expect(readOutcome(res.json(), res.statusCode).reason).toBe('invalid-parameter');
    expect(res.body).toContain('Origin');
  });

  it('says not ready (503) for an allowed origin while ITB does not answer, and checks the origin first', async () => {
    // A BFF of its own: readiness answers are reused for a few seconds, and this one must not
    // have seen a ready answer yet.
    const fresh = await startBffTestEnv({ sandbox: env.sandbox });
    env.sandbox.knobs.injectFault({ kind: '503', count: Number.POSITIVE_INFINITY, match: 'metadata' });
    try {
      const down = await fresh.app.inject({ url: '/embed-check', headers: { origin: TEST_ORIGIN } });
      expect(down.statusCode).toBe(503);
      expect(readOutcome(down.json(), down.statusCode).reason).toBe('network');
      const unlisted = await fresh.app.inject({ url: '/embed-check', headers: { origin: 'https://unlisted-clinic.example' } });
      expect(unlisted.statusCode).toBe(403);
    } finally {
      env.sandbox.knobs.reset();
      await fresh.close();
    }
  });
});
