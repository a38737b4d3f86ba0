// Which session cookies real Chromium keeps: the ground truth behind cookie-policy.ts choosing
// `__Host-` + `Secure` for plain-http loopback public URLs.
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config.js';
import { freePort } from '../../test/bff-test-env.test-support.js';
import { oidcPlugin } from '../plugins/auth.js';
import { errorsPlugin } from '../plugins/errors.js';
import { sessionPlugin, type PatientSession } from '../plugins/session.js';

const CHROME = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: CHROME,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
});

async function roundTrip(host: 'localhost' | '127.0.0.1', mode: 'same-site' | 'cross-site', tokenBytes = 10): Promise<{ names: string[]; session: PatientSession | null }> {
  const port = await freePort();
  const base = `http://${host}:${port}`;
  const app = Fastify({ logger: false });
  app.decorate('config', parseConfig({
    ITB_PUBLIC_URL: `${base}/booking-api`,
    ITB_UPSTREAM_FHIR_URL: 'http://localhost:4010/fhir',
    ITB_UPSTREAM_TOKEN_URL: 'http://localhost:4010/token',
    ITB_API_KEY: 'k',
    ITB_OIDC_ISSUER: 'http://localhost:4010/oidc',
    ITB_OIDC_CLIENT_ID: 'c',
    ITB_OIDC_CLIENT_SECRET: 's',
    ITB_ALLOWED_ORIGINS: base,
    ITB_SESSION_KEYS: randomBytes(32).toString('base64url'),
    ITB_COOKIE_MODE: mode,
    ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true',
  }));
  app.decorate('now', () => new Date());
  await app.register(errorsPlugin);
  await app.register(oidcPlugin);
  await app.register(sessionPlugin);
  const nowSeconds = Math.floor(Date.now() / 1000);
  app.get('/booking-api/set', async (_request, reply) => {
    await reply.setSession({
      id: 'session-id-0123456789',
      issuedAt: nowSeconds,
      tokens: { accessToken: 'a'.repeat(tokenBytes), expiresAt: nowSeconds + 600 },
      identity: { personalNumber: { system: 'urn:oid:1.2.752.129.2.1.3.1', value: '198503149828' }, givenName: 'Alva', familyName: 'Andersson', displayName: 'Alva Andersson' },
      expiresAt: nowSeconds + 3600,
    });
    return 'set';
  });
  app.get('/booking-api/who', async (request) => ({ session: request.session }));
  await app.listen({ port, host: '127.0.0.1' });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/booking-api/set`);
    const names = (await context.cookies()).map((c) => c.name).sort();
    const response = await page.goto(`${base}/booking-api/who`);
    const body = (await response?.json()) as { session: PatientSession | null };
    return { names, session: body.session };
  } finally {
    await context.close();
    await app.close();
  }
}

describe('session cookie in Chromium', () => {
  it('keeps the __Host-/Secure session cookie on http://localhost and sends it back to the BFF path', async () => {
    const result = await roundTrip('localhost', 'same-site');
    expect(result.names).toEqual(['__Host-itb-session']);
    expect(result.session?.identity.displayName).toBe('Alva Andersson');
  });

  it('keeps it on http://127.0.0.1 too', async () => {
    const result = await roundTrip('127.0.0.1', 'same-site');
    expect(result.names).toEqual(['__Host-itb-session']);
    expect(result.session).not.toBeNull();
  });

  it('keeps chunked cookies and reassembles them', async () => {
    const result = await roundTrip('localhost', 'same-site', 7000);
    expect(result.names).toEqual(['__Host-itb-session-0', '__Host-itb-session-1', '__Host-itb-session-2']);
    expect(result.session?.tokens.accessToken).toHaveLength(7000);
  });

  it('keeps the partitioned SameSite=None cookie of cross-site mode at top level', async () => {
    const result = await roundTrip('localhost', 'cross-site');
    expect(result.names).toEqual(['__Host-itb-session']);
    expect(result.session).not.toBeNull();
  });
});
