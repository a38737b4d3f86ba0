/**
 * Two BFF instances sharing a real Redis behind a round-robin proxy, as a partner runs them: one
 * rate limit for both, logout and back-channel logout refused on both, one token refresh for both
 * (and, with the lock off, the sign-out that refresh-token rotation causes), one catalog fill, one
 * booking per Idempotency-Key — and what each of these does when Redis dies mid-way.
 */
import { randomUUID } from 'node:crypto';
import { signOutAtTestIdp } from '@itb/sandbox';
import { CSRF_HEADER, IDEMPOTENCY_HEADER } from '@itb/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../test/bff-test-env.test-support.js';
import { PERSON, appointmentOf, createBody, findTimes, STOCKHOLM_ANNA, reasonOf } from '../test/booking-fixtures.test-support.js';
import { startManyInstances, type ManyInstances } from '../test/many-instances.test-support.js';
import { parseMetrics, valueOf } from '../test/metrics.test-support.js';
import { createPatientClient, type PatientClient, type ResponseLog } from '../test/patient-client.test-support.js';
import { openSessionCookie } from '../test/patient-env.test-support.js';
import { startRedisServer } from '../../../scripts/redis-server.js';

const CAMPAIGN_LIMIT = 4;
const SETTINGS = { ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE: String(CAMPAIGN_LIMIT) };

/** The cookie header a client holds for the proxy (what a copied or saved cookie would be). */
function cookieOf(env: ManyInstances, client: PatientClient): string {
  return client.jar.headerFor(new URL(env.url));
}

/** GET `path` on each instance directly with `cookie`: status and reason or body per instance. */
async function askEach(env: ManyInstances, path: string, cookie: string): Promise<{ status: number; body: unknown }[]> {
  return Promise.all(env.bffs.map(async (bff) => {
    const response = await fetch(`${bff.baseUrl}/${path}`, { headers: { cookie } });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) as unknown };
  }));
}

/** Statuses of `count` campaign checks through the proxy, one after another. */
async function campaignChecks(env: ManyInstances, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await fetch(`${env.url}/campaigns/NO-SUCH-CODE`)).status);
  return statuses;
}

async function signIn(env: ManyInstances, person: string, log: ResponseLog = []): Promise<PatientClient> {
  const client = createPatientClient(env.url, log);
  expect((await client.login(person)).status).toBe(303);
  return client;
}

/** The refresh tokens in the session cookies these responses set. */
async function refreshTokensSet(env: ManyInstances, log: ResponseLog): Promise<Set<string>> {
  const tokens = new Set<string>();
  for (const entry of log) {
    for (const [name, value] of entry.headers) {
      const cookie = name === 'set-cookie' ? /^(__Host-itb-session=[^;]+)/.exec(value)?.[1] : undefined;
      if (cookie === undefined || cookie.endsWith('=')) continue;
      const session = await openSessionCookie(env.bffs[0]!.config, cookie);
      if (session?.tokens.refreshToken !== undefined) tokens.add(session.tokens.refreshToken);
    }
  }
  return tokens;
}

describe('two instances on one Redis', () => {
  let env: ManyInstances;
  let skewMs = 0;
  beforeAll(async () => {
    env = await startManyInstances({ redis: true, env: SETTINGS, bffOptions: { now: () => new Date(Date.now() + skewMs) } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('fills the catalog once for both instances, and both answer with the same ETag', async () => {
    env.sandbox.knobs.resetCounts();
    env.sandbox.knobs.setLatency(100);
    try {
      const path = 'fhir/HealthcareService/hs-oslo-sentrum/$get-offers-context';
      const answers = await Promise.all(Array.from({ length: 6 }, () => fetch(`${env.url}/${path}`)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(new Set(answers.map((a) => a.headers.get('etag'))).size).toBe(1);
      expect(env.proxy.hits().every((hits) => hits > 0)).toBe(true);
      expect(env.sandbox.knobs.requestCount('HealthcareService/hs-oslo-sentrum/$get-offers-context')).toBe(1);
    } finally {
      env.sandbox.knobs.setLatency(0);
    }
  });

  it('holds a rate limit across both: the configured count in total, not per instance', async () => {
    const statuses = await campaignChecks(env, 10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - CAMPAIGN_LIMIT);
    expect(statuses.slice(0, CAMPAIGN_LIMIT).every((s) => s === 404)).toBe(true);
  });

  it('refuses a copied cookie on every instance once the patient signs out on one', async () => {
    const alva = await signIn(env, PERSON.alva);
    const copied = cookieOf(env, alva);
    expect((await askEach(env, 'auth/session', copied)).map((a) => a.body)).toEqual([
      expect.objectContaining({ signedIn: true }), expect.objectContaining({ signedIn: true }),
    ]);
    expect((await alva.request('auth/logout', { method: 'POST' })).response.ok).toBe(true);
    expect((await askEach(env, 'auth/session', copied)).map((a) => a.body)).toEqual([{ signedIn: false }, { signedIn: false }]);
    const mine = await askEach(env, 'fhir/Appointment', copied);
    expect(mine.map((a) => [a.status, reasonOf(a.body)])).toEqual([[401, 'login-required'], [401, 'login-required']]);
  });

  it('refuses the session on both instances after the patient signs out at the IdP (back-channel logout)', async () => {
    const erik = await signIn(env, PERSON.erik);
    const cookie = cookieOf(env, erik);
    expect((await askEach(env, 'fhir/Appointment', cookie)).map((a) => a.status)).toEqual([200, 200]);
    // Resolves once the IdP has delivered its logout token (through the proxy, to one instance).
    await signOutAtTestIdp(env.sandbox.issuer, { cookies: erik.jar });
    expect((await askEach(env, 'auth/session', cookie)).map((a) => a.body)).toEqual([{ signedIn: false }, { signedIn: false }]);
    expect((await askEach(env, 'fhir/Appointment', cookie)).map((a) => a.status)).toEqual([401, 401]);
  });

  it('refreshes once for eight concurrent requests spread over both, and nobody is signed out', async () => {
    const log: ResponseLog = [];
    const alva = await signIn(env, PERSON.alva, log);
    const before = (await openSessionCookie(env.bffs[0]!.config, cookieOf(env, alva)))?.tokens.refreshToken;
    // The BFFs' clock moves past the access token's refresh point; the IdP's does not need to.
    skewMs = 250_000;
    try {
      log.length = 0;
      const answers = await Promise.all(Array.from({ length: 8 }, () => alva.json('fhir/Appointment')));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
      const after = await refreshTokensSet(env, log);
      expect(after.size).toBe(1);
      expect(after.has(before!)).toBe(false);
      expect((await alva.json('fhir/Appointment')).status).toBe(200);
    } finally {
      skewMs = 0;
    }
  });

  it('books once for the same Idempotency-Key sent to both instances at once', async () => {
    const alva = await signIn(env, PERSON.alva);
    const [time] = await findTimes(alva, STOCKHOLM_ANNA, new Date(), 12, 16);
    const body = JSON.stringify(createBody(time!));
    const key = randomUUID();
    const cookie = cookieOf(env, alva);
    env.sandbox.knobs.resetCounts();
    const answers = await Promise.all(env.bffs.map(async (bff) => {
      const response = await fetch(`${bff.baseUrl}/fhir/Appointment/$book`, {
        method: 'POST',
        headers: { cookie, origin: TEST_ORIGIN, [CSRF_HEADER]: '1', [IDEMPOTENCY_HEADER]: key, 'content-type': 'application/fhir+json' },
        body,
      });
      return { status: response.status, body: await response.json() as Parameters<typeof appointmentOf>[0] };
    }));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(new Set(answers.map((a) => appointmentOf(a.body).id)).size).toBe(1);
    expect(env.sandbox.knobs.requestCount('$book')).toBe(1);
  });
});

describe('two instances when the token refresh is not shared', () => {
  let env: ManyInstances;
  let skewMs = 0;
  beforeAll(async () => {
    env = await startManyInstances({ redis: true, bffOptions: { refreshLockShared: false, now: () => new Date(Date.now() + skewMs) } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('signs the patient out: the IdP sees one refresh token used twice and revokes the grant', async () => {
    const alva = await signIn(env, PERSON.alva);
    skewMs = 250_000;
    const answers = await Promise.all(Array.from({ length: 8 }, () => alva.json('fhir/Appointment')));
    expect(answers.some((a) => a.status === 401 && reasonOf(a.body) === 'login-required')).toBe(true);
  });
});

describe('two instances when Redis dies and comes back', () => {
  let env: ManyInstances;
  beforeAll(async () => {
    env = await startManyInstances({ redis: true, env: { ...SETTINGS, ITB_METRICS_PORT: '0' } });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('fails closed for signed-in patients, keeps the catalog and the rate limits, and catches up when Redis is back', async () => {
    const alva = await signIn(env, PERSON.alva);
    const copied = cookieOf(env, alva);
    const [time] = await findTimes(alva, STOCKHOLM_ANNA, new Date(), 17, 20);
    await env.redis!.kill();

    expect((await askEach(env, 'readyz', '')).map((a) => a.status)).toEqual([503, 503]);
    // A cookie that may have been signed out elsewhere is not trusted while the list cannot be read.
    const mine = await askEach(env, 'fhir/Appointment', copied);
    expect(mine.map((a) => [a.status, reasonOf(a.body)])).toEqual([[503, 'temporarily-unavailable'], [503, 'temporarily-unavailable']]);
    expect((await askEach(env, 'auth/session', copied)).map((a) => a.status)).toEqual([503, 503]);
    env.sandbox.knobs.resetCounts();
    const booking = await alva.json('fhir/Appointment/$book', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', [IDEMPOTENCY_HEADER]: randomUUID() },
      body: JSON.stringify(createBody(time!)),
    });
    expect([booking.status, reasonOf(booking.body)]).toEqual([503, 'temporarily-unavailable']);
    expect(env.sandbox.knobs.requestCount('$book')).toBe(0);
    // Anonymous reads go on; rate limits fall back to each instance's memory (looser, never off).
    expect((await fetch(`${env.url}/fhir/HealthcareService`)).status).toBe(200);
    const statuses = await campaignChecks(env, 10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - 2 * CAMPAIGN_LIMIT);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    // Operators see it: every instance counts the failures by the feature they hit.
    for (const bff of env.bffs) {
      const samples = parseMetrics(await (await fetch(bff.app.metricsUrl()!)).text());
      expect(valueOf(samples, 'itb_bff_redis_errors_total', { feature: 'revocation' })).toBeGreaterThan(0);
    }
    // Signing out still works; the revocation waits for Redis and is written when it is back.
    expect((await alva.request('auth/logout', { method: 'POST' })).response.ok).toBe(true);

    const revived = await startRedisServer({ port: env.redis!.port });
    try {
      await expect.poll(async () => (await askEach(env, 'readyz', '')).map((a) => a.status), { timeout: 15_000, interval: 100 }).toEqual([200, 200]);
      await expect.poll(async () => (await askEach(env, 'auth/session', copied)).map((a) => a.body), { timeout: 5000, interval: 100 })
        .toEqual([{ signedIn: false }, { signedIn: false }]);
      const erik = await signIn(env, PERSON.erik);
      expect((await erik.json('fhir/Appointment')).status).toBe(200);
    } finally {
      await revived.stop();
    }
  });
});
