import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome } from '@itb/shared';
import { createBff } from '../create-bff.js';
import { OFFLINE_ALLOWED_ORIGIN, offlineTestConfig } from '../../test/test-config.test-support.js';
import { rateLimitPerMinute } from './security.js';

let app: FastifyInstance;
let writes = 0;
beforeAll(async () => {
  app = await createBff(offlineTestConfig({ ITB_BODY_LIMIT_BYTES: '4096' }));
  app.post('/t/write', async () => { writes += 1; return { ok: true }; });
  app.post('/t/limited', { config: rateLimitPerMinute(2) }, async () => ({ ok: true }));
  await app.ready();
});
afterAll(async () => { await app.close(); });

const good = { origin: OFFLINE_ALLOWED_ORIGIN, 'x-itb-csrf': '1', 'content-type': 'application/json' };

function reasonOf(res: { statusCode: number; json(): unknown }): string {
  return readOutcome(res.json(), res.statusCode).reason;
}

describe('CSRF / Origin guard', () => {
  it('lets a write with the header and an allowed (or own) origin through', async () => {
    expect((await app.inject({ method: 'POST', url: '/t/write', headers: good, payload: {} })).statusCode).toBe(200);
    const own = await app.inject({ method: 'POST', url: '/t/write', headers: { ...good, origin: 'https://booking.clinic.example' }, payload: {} });
    expect(own.statusCode).toBe(200);
  });

  it('refuses a missing or wrong CSRF header with 403 csrf, before the handler runs', async () => {
    const before = writes;
    for (const csrf of [undefined, '0', 'true']) {
      const headers: Record<string, string> = { origin: OFFLINE_ALLOWED_ORIGIN, 'content-type': 'application/json' };
      if (csrf !== undefined) headers['x-itb-csrf'] = csrf;
      const res = await app.inject({ method: 'POST', url: '/t/write', headers, payload: {} });
      expect(res.statusCode).toBe(403);
      expect(reasonOf(res)).toBe('csrf');
    }
    expect(writes).toBe(before);
  });

  it('refuses a foreign or missing Origin with 403 origin-not-allowed', async () => {
    const before = writes;
    for (const origin of ['https://evil.example', 'null', 'https://clinic.example.evil.example', undefined]) {
      const headers: Record<string, string> = { 'x-itb-csrf': '1', 'content-type': 'application/json' };
      if (origin !== undefined) headers['origin'] = origin;
      const res = await app.inject({ method: 'POST', url: '/t/write', headers, payload: {} });
      expect(res.statusCode).toBe(403);
      expect(reasonOf(res)).toBe('origin-not-allowed');
    }
    expect(writes).toBe(before);
  });

  it('answers 413 OperationOutcome for a body over the limit', async () => {
    const res = await app.inject({ method: 'POST', url: '/t/write', headers: good, payload: JSON.stringify({ x: 'y'.repeat(10_000) }) });
    expect(res.statusCode).toBe(413);
    expect(reasonOf(res)).toBe('payload-too-large');
  });

  it('rate-limits a route that asks for it, with an OperationOutcome and Retry-After', async () => {
    const send = () => app.inject({ method: 'POST', url: '/t/limited', headers: good, payload: {}, remoteAddress: '10.1.2.3' });
    expect((await send()).statusCode).toBe(200);
    expect((await send()).statusCode).toBe(200);
    const third = await send();
    expect(third.statusCode).toBe(429);
    expect(reasonOf(third)).toBe('rate-limited');
    expect(third.headers['retry-after']).toBeDefined();
    const other = await app.inject({ method: 'POST', url: '/t/limited', headers: good, payload: {}, remoteAddress: '10.9.9.9' });
    expect(other.statusCode).toBe(200);
  });
});

describe('CORS', () => {
  it('allows credentials for a listed origin and exposes ETag', async () => {
    const res = await app.inject({ url: '/healthz', headers: { origin: OFFLINE_ALLOWED_ORIGIN } });
    expect(res.headers['access-control-allow-origin']).toBe(OFFLINE_ALLOWED_ORIGIN);
    expect(res.headers['access-control-allow-credentials']).toBe('true');
    expect(String(res.headers['access-control-expose-headers'])).toContain('ETag');
    const preflight = await app.inject({ method: 'OPTIONS', url: '/fhir/Appointment/$book', headers: {
      origin: OFFLINE_ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-itb-csrf,idempotency-key',
    } });
    expect(preflight.statusCode).toBe(204);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('x-itb-csrf');
  });

  it("lets a listed partner origin preflight a POST $find with a FHIR client's headers (Content-Type, Prefer)", async () => {
    const preflight = await app.inject({ method: 'OPTIONS', url: '/fhir/Appointment/$find', headers: {
      origin: OFFLINE_ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,accept,prefer',
    } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(OFFLINE_ALLOWED_ORIGIN);
    const allowed = String(preflight.headers['access-control-allow-headers']).toLowerCase().split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'accept', 'prefer']));
  });

  it('gives an unlisted origin no Access-Control-Allow-Origin or -Credentials', async () => {
    for (const origin of ['https://evil.example', 'null', 'https://clinic.example:8443']) {
      const res = await app.inject({ url: '/nope', headers: { origin } });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await app.inject({ method: 'OPTIONS', url: '/t/write', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    }
  });
});

describe('the public health answer', () => {
  it('is readable by any origin, never with credentials, so the widget can tell a refused origin from an unreachable BFF', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const res = await app.inject({ url: '/healthz', headers: { origin } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
    // A listed origin keeps its own credentialed answer.
    const listed = await app.inject({ url: '/healthz', headers: { origin: OFFLINE_ALLOWED_ORIGIN } });
    expect(listed.headers['access-control-allow-origin']).toBe(OFFLINE_ALLOWED_ORIGIN);
  });
});

describe('security headers', () => {
  it('sets nosniff, no-referrer, frame denial, CSP for JSON and HSTS on https', async () => {
    for (const url of ['/healthz', '/nope']) {
      const res = await app.inject({ url });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      expect(res.headers['cross-origin-opener-policy']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('sends no HSTS when the public URL is plain http (local development)', async () => {
    const local = await createBff(offlineTestConfig({ ITB_PUBLIC_URL: 'http://localhost:4020', ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true' }));
    const res = await local.inject({ url: '/healthz' });
    await local.close();
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
