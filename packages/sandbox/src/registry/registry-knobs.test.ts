import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveOptions } from '../options.js';
import { ORIGINAL_SYSTEM, pointer, startRegistryEnv, type RegistryEnv } from './registry.test-support.js';

let env: RegistryEnv;

beforeAll(async () => {
  env = await startRegistryEnv();
});
afterAll(() => env.close());
afterEach(() => {
  env.sandbox.registry.knobs.reset();
  env.sandbox.knobs.reset();
});

const byIdentifier = (value: string) => `Appointment?identifier=${encodeURIComponent(`${ORIGINAL_SYSTEM}|${value}`)}`;

describe('inspection', () => {
  it('lists every pointer and counts token requests, writes by method and reads, in process and over HTTP', async () => {
    const token = await env.token();
    await env.fhir(byIdentifier('k-1'), { method: 'PUT', token, body: pointer('k-1') });
    await env.fhir(byIdentifier('k-1'), { method: 'PUT', token, body: pointer('k-1', undefined, { status: 'cancelled' }) });
    await env.fhir('Appointment', { token, body: pointer('k-2') });
    await env.fhir('Appointment', { token });
    await env.tokenRequest({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x', scope: env.sandbox.registry.scope });

    const expected = { tokenRequests: 2, tokensIssued: 1, writes: { POST: 1, PUT: 2 }, reads: 1, created: 2, updated: 1 };
    expect(env.sandbox.registry.knobs.counts()).toEqual(expected);
    expect((await env.knob('/counts')).body).toEqual(expected);

    const inProcess = env.sandbox.registry.knobs.appointments();
    expect(inProcess.map((a) => [a.identifier?.[0]?.value, a.status, a.meta?.versionId])).toEqual([['k-1', 'cancelled', '2'], ['k-2', 'booked', '1']]);
    const overHttp = await env.knob('/appointments');
    expect(overHttp.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(overHttp.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(overHttp.body.entry.map((e: { resource: unknown }) => e.resource)).toEqual(inProcess);

    const state = await env.knob('');
    expect(state.body).toEqual({
      fhirBase: env.sandbox.registry.fhirBase,
      tokenUrl: env.sandbox.registry.tokenUrl,
      scope: env.sandbox.registry.scope,
      clientId: env.sandbox.registry.clientId,
      down: false,
      pendingFaults: 0,
      appointments: 2,
      counts: expected,
    });
    expect(JSON.stringify(state.body)).not.toContain(env.sandbox.registry.clientSecret);
  });
});

describe('faults', () => {
  it('fails `count` matching registry requests only, and leaves ITB alone', async () => {
    const token = await env.token();
    expect((await env.knob('/fault', { kind: '503', count: 2, match: 'Appointment' })).status).toBe(200);
    expect((await env.knob('')).body.pendingFaults).toBe(2);
    expect((await fetch(`${env.sandbox.fhirBase}/metadata`)).status).toBe(200);
    const first = await env.fhir(byIdentifier('f-1'), { method: 'PUT', token, body: pointer('f-1') });
    expect([first.status, first.headers.get('retry-after'), first.body.resourceType, first.body.issue[0].code]).toEqual([503, '1', 'OperationOutcome', 'transient']);
    expect((await env.fhir(byIdentifier('f-1'), { method: 'PUT', token, body: pointer('f-1') })).status).toBe(503);
    expect((await env.fhir(byIdentifier('f-1'), { method: 'PUT', token, body: pointer('f-1') })).status).toBe(201);
    // Nothing half-done: one pointer, and the failed writes still counted as received.
    expect(env.sandbox.registry.knobs.appointments()).toHaveLength(1);
    expect(env.sandbox.registry.knobs.counts()).toMatchObject({ writes: { PUT: 3 }, created: 1 });
  });

  it('matches the body, answers 500, and leaves the registry alone when ITB is faulted', async () => {
    const token = await env.token();
    env.sandbox.registry.knobs.injectFault({ kind: '500', match: 'f-2' });
    expect((await env.fhir('Appointment', { token, body: pointer('f-3') })).status).toBe(201);
    const failed = await env.fhir('Appointment', { token, body: pointer('f-2') });
    expect([failed.status, failed.body.issue[0].code]).toEqual([500, 'exception']);
    env.sandbox.knobs.injectFault({ kind: '503', count: Number.POSITIVE_INFINITY });
    expect((await env.fhir('Appointment', { token, body: pointer('f-2') })).status).toBe(201);
  });

  it('fails the token endpoint in OAuth\'s words', async () => {
    env.sandbox.registry.knobs.injectFault({ kind: '503', match: 'oauth2/token' });
    const failed = await env.tokenRequest({ grant_type: 'client_credentials', client_id: env.sandbox.registry.clientId, client_secret: env.sandbox.registry.clientSecret, scope: env.sandbox.registry.scope });
    expect([failed.status, failed.body.error, failed.headers.get('retry-after')]).toEqual([503, 'temporarily_unavailable', '1']);
    env.sandbox.registry.knobs.injectFault({ kind: '500', match: 'oauth2/token' });
    expect((await env.tokenRequest({ grant_type: 'client_credentials' })).body.error).toBe('server_error');
    expect(await env.token()).toEqual(expect.any(String));
  });

  it('drops the connection or never answers', async () => {
    const token = await env.token();
    env.sandbox.registry.knobs.injectFault({ kind: 'drop' });
    await expect(fetch(`${env.sandbox.registry.fhirBase}/Appointment`, { headers: { authorization: `Bearer ${token}` } })).rejects.toThrow();
    env.sandbox.registry.knobs.injectFault({ kind: 'timeout' });
    await expect(fetch(`${env.sandbox.registry.fhirBase}/Appointment`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect((await env.fhir('Appointment', { token })).status).toBe(200);
  });

  it('refuses a bad fault with an OperationOutcome', async () => {
    for (const body of [{ kind: '418' }, { kind: '503', count: 0 }, { kind: '503', match: 5 }, 'x']) {
      const refused = await env.knob('/fault', body);
      expect([refused.status, refused.body.resourceType], JSON.stringify(body)).toEqual([400, 'OperationOutcome']);
    }
    expect(() => env.sandbox.registry.knobs.injectFault({ kind: 'drop', count: 1.5 })).toThrow(/count/);
  });
});

describe('down', () => {
  it('answers 503 to every registry request while down, and recovers', async () => {
    const token = await env.token();
    expect((await env.knob('/down', { down: true })).status).toBe(200);
    expect(env.sandbox.registry.knobs.isDown()).toBe(true);
    const fhir = await env.fhir(byIdentifier('d-1'), { method: 'PUT', token, body: pointer('d-1') });
    expect([fhir.status, fhir.body.resourceType]).toEqual([503, 'OperationOutcome']);
    const refusedToken = await env.tokenRequest({ grant_type: 'client_credentials' });
    expect([refusedToken.status, refusedToken.body.error]).toEqual([503, 'temporarily_unavailable']);
    // Even a body the registry could not parse gets the outage, not a 400.
    expect((await env.fhir('Appointment', { token, body: '{', method: 'POST' })).status).toBe(503);
    expect((await fetch(`${env.sandbox.fhirBase}/metadata`)).status).toBe(200);
    expect(env.sandbox.registry.knobs.counts()).toMatchObject({ tokenRequests: 2, writes: { PUT: 1, POST: 1 } });

    expect((await env.knob('/down', { down: false })).status).toBe(200);
    expect((await env.fhir(byIdentifier('d-1'), { method: 'PUT', token, body: pointer('d-1') })).status).toBe(201);
    expect((await env.knob('/down', { down: 'yes' })).status).toBe(400);
  });
});

describe('tokens and reset', () => {
  it('revoke-tokens makes every issued token fail with 401 until a new one is fetched', async () => {
    const token = await env.token();
    expect((await env.fhir('Appointment', { token })).status).toBe(200);
    expect((await env.knob('/revoke-tokens')).status).toBe(200);
    const refused = await env.fhir('Appointment', { token });
    expect([refused.status, refused.headers.get('www-authenticate')]).toEqual([401, 'Bearer realm="registry", error="invalid_token"']);
    expect((await env.fhir('Appointment', { token: await env.token() })).status).toBe(200);
  });

  it('reset clears pointers, tokens, faults, the down switch and counters, over HTTP and with the sandbox\'s reset', async () => {
    for (const reset of [() => env.knob('/reset'), () => fetch(`${env.sandbox.origin}/_sandbox/reset`, { method: 'POST' }), async () => env.sandbox.knobs.reset()]) {
      const token = await env.token();
      await env.fhir('Appointment', { token, body: pointer('r-1') });
      env.sandbox.registry.knobs.injectFault({ kind: '500', count: Number.POSITIVE_INFINITY, match: 'never-sent' });
      env.sandbox.registry.knobs.setDown(true);
      await reset();
      expect(env.sandbox.registry.knobs.appointments()).toEqual([]);
      expect(env.sandbox.registry.knobs.isDown()).toBe(false);
      expect(env.sandbox.registry.knobs.pendingFaults()).toBe(0);
      expect(env.sandbox.registry.knobs.counts()).toEqual({ tokenRequests: 0, tokensIssued: 0, writes: { POST: 0, PUT: 0 }, reads: 0, created: 0, updated: 0 });
      expect((await env.fhir('Appointment', { token })).status).toBe(401);
    }
  });
});

describe('options', () => {
  it('refuses registry options that would only fail later', () => {
    expect(() => resolveOptions({ registry: { clientId: '' } })).toThrow(/clientId/);
    expect(() => resolveOptions({ registry: { clientSecrets: [] } })).toThrow(/clientSecrets/);
    expect(() => resolveOptions({ registry: { clientSecrets: ['ok', ''] } })).toThrow(/clientSecrets/);
    expect(() => resolveOptions({ registry: { scope: 'two scopes' } })).toThrow(/scope/);
    expect(() => resolveOptions({ registry: { tokenTtlSeconds: 0 } })).toThrow(/tokenTtlSeconds/);
    expect(resolveOptions({}).registry).toMatchObject({ clientId: 'itb-bff-registry', clientSecrets: ['sandbox-registry-secret'], scope: undefined, tokenTtlSeconds: 3600 });
  });
});
