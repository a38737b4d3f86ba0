import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig, type BffConfig } from '../config.js';
import { errorsPlugin } from './errors.js';
import { oidcPlugin } from './auth.js';
import { sessionPlugin, type PatientSession } from './session.js';

const key = () => randomBytes(32).toString('base64url');

function configFor(overrides: Record<string, string>): BffConfig {
  return parseConfig({
    ITB_PUBLIC_URL: 'https://clinic.example/booking-api',
    ITB_UPSTREAM_FHIR_URL: 'https://itb.example/demo/1.0/R4/fhir',
    ITB_UPSTREAM_TOKEN_URL: 'https://itb.example/demo/1.0/R4/auth/system-token',
    ITB_API_KEY: 'test-api-key',
    ITB_OIDC_ISSUER: 'https://idp.example/oidc',
    ITB_OIDC_CLIENT_ID: 'itb-bff',
    ITB_OIDC_CLIENT_SECRET: 'secret',
    ITB_ALLOWED_ORIGINS: 'https://clinic.example',
    ITB_SESSION_KEYS: key(),
    ...overrides,
  });
}

const NOW = new Date('2026-03-02T10:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

function sampleSession(extra = ''): PatientSession {
  return {
    id: 'session-id-0123456789',
    issuedAt: nowSeconds - 60,
    tokens: { accessToken: `access-${extra}`, refreshToken: 'refresh', idToken: 'id', expiresAt: nowSeconds + 600 },
    identity: {
      personalNumber: { system: 'urn:oid:1.2.752.129.2.1.3.1', value: '198503149828' },
      givenName: 'Alva', familyName: 'Andersson', birthDate: '1985-03-14', displayName: 'Alva Andersson',
    },
    expiresAt: nowSeconds + 3600,
  };
}

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function build(config: BffConfig, now: () => Date = () => NOW): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.decorate('config', config);
  app.decorate('now', now);
  await app.register(errorsPlugin);
  await app.register(oidcPlugin);
  await app.register(sessionPlugin);
  app.post<{ Body: { extra?: string } }>('/set', async (request, reply) => {
    await reply.setSession(sampleSession(request.body?.extra ?? ''));
    return { ok: true };
  });
  app.post('/clear', async (_request, reply) => {
    reply.clearSession();
    return { ok: true };
  });
  app.get('/who', async (request) => ({ session: request.session }));
  app.get('/private', { preParsing: app.requirePatient }, async (request) => ({ name: request.session?.identity.displayName }));
  apps.push(app);
  return app;
}

type SetCookie = { name: string; value: string; path?: string; httpOnly?: boolean; secure?: boolean; sameSite?: string; partitioned?: boolean; maxAge?: number; expires?: Date };

function jar(cookies: readonly SetCookie[]): Record<string, string> {
  return Object.fromEntries(cookies.filter((c) => c.value !== '').map((c) => [c.name, c.value]));
}

describe('session cookie', () => {
  it('is a __Host- cookie with HttpOnly, Secure, SameSite=Lax, Path=/ and a Max-Age up to the absolute expiry', async () => {
    const app = await build(configFor({}));
    const response = await app.inject({ method: 'POST', url: '/set', payload: {} });
    const [cookie, ...rest] = response.cookies as SetCookie[];
    expect(rest).toEqual([]);
    expect(cookie).toMatchObject({ name: '__Host-itb-session', path: '/', httpOnly: true, secure: true, sameSite: 'Lax', maxAge: 3600 });
    expect(cookie?.partitioned).toBeUndefined();
    expect(cookie?.value).not.toContain('access-');
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).not.toMatch(/Domain=/i);
    const who = await app.inject({ url: '/who', cookies: jar(response.cookies as SetCookie[]) });
    expect(who.json().session).toEqual(sampleSession());
  });

  it('cross-site mode adds SameSite=None, Secure and Partitioned', async () => {
    const app = await build(configFor({ ITB_COOKIE_MODE: 'cross-site' }));
    const response = await app.inject({ method: 'POST', url: '/set', payload: {} });
    expect(response.cookies[0]).toMatchObject({ name: '__Host-itb-session', secure: true, sameSite: 'None', partitioned: true, path: '/' });
    expect(String(response.headers['set-cookie'])).toMatch(/; Partitioned/);
  });

  it('uses __Host- and Secure on http://localhost (Chromium keeps Secure cookies on loopback)', async () => {
    const app = await build(configFor({
      ITB_PUBLIC_URL: 'http://localhost:4030/booking-api',
      ITB_ALLOWED_ORIGINS: 'http://localhost:4030',
      ITB_UPSTREAM_FHIR_URL: 'http://localhost:4010/demo/1.0/R4/fhir',
      ITB_UPSTREAM_TOKEN_URL: 'http://localhost:4010/demo/1.0/R4/auth/system-token',
      ITB_OIDC_ISSUER: 'http://localhost:4010/oidc',
      ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true',
    }));
    const response = await app.inject({ method: 'POST', url: '/set', payload: {} });
    expect(response.cookies[0]).toMatchObject({ name: '__Host-itb-session', secure: true, path: '/' });
  });

  it('a tampered, truncated or foreign cookie is no session (never a 500)', async () => {
    const app = await build(configFor({}));
    const set = await app.inject({ method: 'POST', url: '/set', payload: {} });
    const value = (set.cookies[0] as SetCookie).value;
    const flipped = value.slice(0, -5) + (value.at(-5) === 'A' ? 'B' : 'A') + value.slice(-4);
    for (const bad of [flipped, value.slice(0, 40), 'garbage', 'a.b.c.d.e', '']) {
      const who = await app.inject({ url: '/who', cookies: { '__Host-itb-session': bad } });
      expect(who.statusCode).toBe(200);
      expect(who.json().session).toBeNull();
      const guarded = await app.inject({ url: '/private', cookies: { '__Host-itb-session': bad } });
      expect(guarded.statusCode).toBe(401);
      expect(guarded.json().issue[0].details.coding[0].code).toBe('login-required');
    }
  });

  it('an expired session is no session', async () => {
    let now = NOW;
    const app = await build(configFor({}), () => now);
    const set = await app.inject({ method: 'POST', url: '/set', payload: {} });
    now = new Date(NOW.getTime() + 3601_000);
    const who = await app.inject({ url: '/who', cookies: jar(set.cookies as SetCookie[]) });
    expect(who.json().session).toBeNull();
  });

  it('key rotation: an old key still opens when second in the list, is re-sealed with the first, and fails once removed', async () => {
    const oldKey = key();
    const newKey = key();
    const before = await build(configFor({ ITB_SESSION_KEYS: oldKey }));
    const set = await before.inject({ method: 'POST', url: '/set', payload: {} });
    const oldCookies = jar(set.cookies as SetCookie[]);

    const rotated = await build(configFor({ ITB_SESSION_KEYS: `${newKey},${oldKey}` }));
    const who = await rotated.inject({ url: '/who', cookies: oldCookies });
    expect(who.json().session).toEqual(sampleSession());
    const resealed = jar(who.cookies as SetCookie[]);
    expect(resealed['__Host-itb-session']).toBeDefined();
    expect(resealed['__Host-itb-session']).not.toBe(oldCookies['__Host-itb-session']);

    const newOnly = await build(configFor({ ITB_SESSION_KEYS: newKey }));
    expect((await newOnly.inject({ url: '/who', cookies: oldCookies })).json().session).toBeNull();
    expect((await newOnly.inject({ url: '/who', cookies: resealed })).json().session).toEqual(sampleSession());
  });

  it('splits a large session into chunks, reads them back, and clears stale chunks when it shrinks', async () => {
    const app = await build(configFor({}));
    const big = await app.inject({ method: 'POST', url: '/set', payload: { extra: 'x'.repeat(9000) } });
    const names = (big.cookies as SetCookie[]).map((c) => c.name);
    // 9,000 characters of token grow by a third in base64url: four chunks of at most 3,800.
    expect(names).toEqual(['__Host-itb-session-0', '__Host-itb-session-1', '__Host-itb-session-2', '__Host-itb-session-3']);
    for (const c of big.cookies as SetCookie[]) {
      expect(c.value.length).toBeLessThanOrEqual(3800);
      expect(c).toMatchObject({ httpOnly: true, secure: true, path: '/', sameSite: 'Lax' });
    }
    const bigJar = jar(big.cookies as SetCookie[]);
    expect((await app.inject({ url: '/who', cookies: bigJar })).json().session.tokens.accessToken).toBe(`access-${'x'.repeat(9000)}`);

    const small = await app.inject({ method: 'POST', url: '/set', payload: {}, cookies: bigJar });
    const cleared = (small.cookies as SetCookie[]).filter((c) => c.value === '').map((c) => c.name).sort();
    expect(cleared).toEqual(names);
    const after = jar(small.cookies as SetCookie[]);
    expect(Object.keys(after)).toEqual(['__Host-itb-session']);
    expect((await app.inject({ url: '/who', cookies: after })).json().session).toEqual(sampleSession());

    // A missing middle chunk is no session, not a crash.
    const broken = { ...bigJar };
    delete broken['__Host-itb-session-1'];
    expect((await app.inject({ url: '/who', cookies: broken })).json().session).toBeNull();
  });

  it('clearSession expires every session cookie present', async () => {
    const app = await build(configFor({}));
    const big = await app.inject({ method: 'POST', url: '/set', payload: { extra: 'x'.repeat(5000) } });
    const cleared = await app.inject({ method: 'POST', url: '/clear', cookies: jar(big.cookies as SetCookie[]) });
    const cookies = cleared.cookies as SetCookie[];
    expect(cookies.map((c) => c.name).sort()).toEqual(['__Host-itb-session', '__Host-itb-session-0', '__Host-itb-session-1']);
    for (const c of cookies) {
      expect(c.value).toBe('');
      expect(c.maxAge).toBe(0);
      expect(c).toMatchObject({ secure: true, path: '/' });
    }
  });

  it('requirePatient answers 401 login-required without a session', async () => {
    const app = await build(configFor({}));
    const response = await app.inject({ url: '/private' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/application\/fhir\+json/);
    expect(response.json().issue[0].details.coding[0].code).toBe('login-required');
  });
});
