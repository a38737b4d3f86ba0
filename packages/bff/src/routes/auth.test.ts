import { createTestCookieJar, logoutFromTestBankId } from '@itb/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_FOREIGN_ORIGIN, TEST_ORIGIN, TEST_OTHER_ALLOWED_ORIGIN, newSessionKey } from '../../test/bff-test-env.test-support.js';
import { createPatientClient, type ResponseLog } from '../../test/patient-client.test-support.js';
import { POST_LOGOUT_TARGET, openSessionCookie, secretsOf, startPatientEnv, type PatientEnv } from '../../test/patient-env.test-support.js';
import type { PatientSession } from '../plugins/session.js';

const ALVA = '198503149828';
const log: ResponseLog = [];
const sessions: PatientSession[] = [];
let env: PatientEnv;
let clock = new Date();

beforeAll(async () => {
  env = await startPatientEnv({ extraPorts: 4, now: () => clock });
});
afterAll(async () => {
  // Nothing a browser could read in this suite carries a token, the API key or a secret.
  const secrets = secretsOf(env.bff.config, sessions);
  expect(sessions.length).toBeGreaterThan(3);
  for (const response of log) {
    const readable = [response.body, ...response.headers.filter(([name]) => name !== 'set-cookie').map(([, value]) => value)].join('\n');
    for (const secret of secrets) expect(readable.includes(secret), `${response.url} leaks a secret`).toBe(false);
    // No JWS (ID or access token) either; our own cookies are JWEs with an empty second part.
    expect(readable).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/);
  }
  await env?.close();
});

function client() {
  return createPatientClient(env.bff.baseUrl, log);
}

async function sessionOf(jar: ReturnType<typeof client>['jar'], at = clock): Promise<PatientSession | undefined> {
  const session = await openSessionCookie(env.bff.config, jar.headerFor(new URL(env.bff.baseUrl)), at);
  if (session !== undefined) sessions.push(session);
  return session;
}

function setCookies(headers: Headers): string[] {
  return headers.getSetCookie();
}

describe('patient login', () => {
  it('redirect mode: PKCE + state + nonce to the IdP, then a rotated __Host- session cookie and 303 back', async () => {
    const browser = client();
    const start = await browser.request(`auth/login?returnTo=${encodeURIComponent(`${TEST_ORIGIN}/book?clinic=1#step`)}&locale=nb`);
    expect(start.response.status).toBe(302);
    const idp = new URL(start.response.headers.get('location') as string);
    expect(idp.href.startsWith(`${env.sandbox.issuer}/`)).toBe(true);
    expect(Object.fromEntries(idp.searchParams)).toMatchObject({
      client_id: 'itb-bff', response_type: 'code', code_challenge_method: 'S256', ui_locales: 'nb', redirect_uri: `${env.bff.baseUrl}/auth/callback`,
    });
    for (const name of ['code_challenge', 'state', 'nonce']) expect(idp.searchParams.get(name)).toMatch(/^[\w-]{40,}$/);
    const [transaction] = setCookies(start.response.headers);
    expect(transaction).toMatch(/^__Host-itb-login=[\w.-]+; Max-Age=600; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

    const callback = await browser.login(ALVA);
    expect(callback.status).toBe(303);
    expect(callback.location).toBe(`${TEST_ORIGIN}/book`);
    const cookies = setCookies(callback.headers);
    expect(cookies.find((c) => c.startsWith('__Host-itb-login='))).toMatch(/Max-Age=0/);
    const sessionCookie = cookies.find((c) => c.startsWith('__Host-itb-session='));
    expect(sessionCookie).toMatch(/; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(sessionCookie).not.toMatch(/Domain=|Partitioned/i);
    const session = await sessionOf(browser.jar);
    expect(session?.identity).toEqual({
      personalNumber: { system: 'urn:oid:1.2.752.129.2.1.3.1', value: ALVA },
      givenName: 'Alva', familyName: 'Andersson', birthDate: '1985-03-14', displayName: 'Alva Andersson',
    });
    expect(session?.tokens.refreshToken).toBeDefined();

    const info = await browser.json('auth/session');
    expect(info.status).toBe(200);
    expect(info.headers.get('cache-control')).toBe('no-store');
    expect(info.body).toEqual({ signedIn: true, name: 'Alva Andersson', expiresAt: new Date((session?.expiresAt ?? 0) * 1000).toISOString() });

    // Signing in again rotates the cookie: a new value, sealing the same patient with new tokens.
    const before = browser.jar.headerFor(new URL(env.bff.baseUrl));
    await browser.login(ALVA);
    expect(browser.jar.headerFor(new URL(env.bff.baseUrl))).not.toBe(before);
    const renewed = await sessionOf(browser.jar);
    expect(renewed?.identity.personalNumber).toEqual(session?.identity.personalNumber);
    expect(renewed?.tokens.accessToken).toBeDefined();
    expect(renewed?.tokens.accessToken).not.toBe(session?.tokens.accessToken);
    expect(renewed?.tokens.refreshToken).not.toBe(session?.tokens.refreshToken);
  });

  it('popup mode: a page that posts only to the returnTo origin, with a CSP nonce for its one script', async () => {
    for (const origin of [TEST_ORIGIN, TEST_OTHER_ALLOWED_ORIGIN]) {
      const browser = client();
      const page = await browser.login(ALVA, { mode: 'popup', returnTo: `${origin}/page` });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const nonce = /script-src 'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce).toBeDefined();
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
      const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts).toHaveLength(1);
      expect(scripts[0]?.[1]).toBe(` nonce="${nonce}"`);
      const script = scripts[0]?.[2] ?? '';
      expect(script).toContain('var m={"type":"itb-login","ok":true}');
      expect(script).toContain(`var o=${JSON.stringify(origin)}`);
      expect(script).toContain('postMessage(m,o)');
      expect(script).not.toContain("'*'");
      expect(await sessionOf(browser.jar)).toBeDefined();
    }
  });

  it('refuses a returnTo outside the allowed origins with 400 and sets no cookie', async () => {
    const browser = client();
    for (const returnTo of [`${TEST_FOREIGN_ORIGIN}/x`, '/relative', 'javascript:alert(1)', `${TEST_ORIGIN}.evil.example/`, '']) {
      const { response, text } = await browser.request(`auth/login?returnTo=${encodeURIComponent(returnTo)}`);
      expect(response.status).toBe(400);
      expect(JSON.parse(text).issue[0].details.coding[0].code).toBe('invalid-parameter');
      expect(setCookies(response.headers)).toEqual([]);
    }
    const { response } = await browser.request('auth/login?returnTo=http://localhost:4030/&mode=window');
    expect(response.status).toBe(400);
  });

  it('the popup\'s last page speaks the patient\'s language', async () => {
    for (const [locale, words] of [['sv', 'Inloggningen är klar.'], ['nb', 'Innloggingen er fullført.'], ['da', 'Du er nu logget ind.'], ['fi', 'Kirjautuminen onnistui.'], ['en', 'Sign-in complete.']] as const) {
      const page = await client().login(ALVA, { mode: 'popup', locale });
      expect(page.text, locale).toContain(`<html lang="${locale}">`);
      expect(page.text, locale).toContain(words);
    }
  });

  it('a cancelled sign-in returns without a session (redirect and popup)', async () => {
    const browser = client();
    const redirect = await browser.login(ALVA, { cancel: true });
    expect(redirect.status).toBe(303);
    expect(redirect.location).toBe(`${TEST_ORIGIN}/book?itb-login-error=cancelled`);
    expect(setCookies(redirect.headers).filter((c) => c.startsWith('__Host-itb-session=') && !/Max-Age=0/.test(c))).toEqual([]);
    expect(await sessionOf(browser.jar)).toBeUndefined();

    const popup = await client().login(ALVA, { mode: 'popup', cancel: true });
    expect(popup.text).toContain('var m={"type":"itb-login","ok":false,"reason":"cancelled"}');
    expect((await browser.json('auth/session')).body).toEqual({ signedIn: false });
  });

  it('a callback without its transaction, or with another state, makes no session', async () => {
    const browser = client();
    const noTransaction = await browser.request('auth/callback?code=abc&state=xyz');
    expect(noTransaction.response.status).toBe(401);
    expect(JSON.parse(noTransaction.text).issue[0].details.coding[0].code).toBe('login-required');

    const start = await browser.request(`auth/login?returnTo=${encodeURIComponent(`${TEST_ORIGIN}/book`)}`);
    expect(start.response.status).toBe(302);
    // Another state is not this login's answer: refused, and the login under way is left to finish.
    const forged = await browser.request(`auth/callback?code=abc&state=not-the-state&iss=${encodeURIComponent(env.sandbox.issuer)}`);
    expect(forged.response.status).toBe(401);
    expect(JSON.parse(forged.text).issue[0].details.coding[0].code).toBe('login-required');
    expect(forged.response.headers.get('set-cookie')).toBeNull();
    expect(await sessionOf(browser.jar)).toBeUndefined();
  });

  it('refreshes an access token that is about to expire, and answers 401 login-required when refresh fails', async () => {
    const browser = client();
    await browser.login(ALVA);
    const first = await sessionOf(browser.jar);
    clock = new Date(Date.now() + 10 * 60 * 1000);
    try {
      const mine = await browser.request('fhir/Appointment');
      expect(mine.response.status).toBe(200);
      const refreshed = await sessionOf(browser.jar);
      expect(refreshed?.tokens.accessToken).not.toBe(first?.tokens.accessToken);
      expect(refreshed?.tokens.expiresAt).toBeGreaterThan(Math.floor(clock.getTime() / 1000) + 60);
      expect(refreshed?.expiresAt).toBe(first?.expiresAt);

      // Same keys, wrong client secret: the IdP refuses the refresh.
      const broken = await env.startExtra({ ITB_SESSION_KEYS: env.bff.config.sessionKeys.join(','), ITB_OIDC_CLIENT_SECRET: 'wrong-secret' }, { now: () => new Date(clock.getTime() + 10 * 60 * 1000) });
      const other = createPatientClient(broken.baseUrl, log, browser.jar);
      // The jar is per host:port; carry the session cookie over as the browser would on one site.
      const cookie = browser.jar.headerFor(new URL(env.bff.baseUrl));
      const { response, text } = await other.request('fhir/Appointment', { headers: { cookie } });
      expect(response.status).toBe(401);
      expect(JSON.parse(text).issue[0].details.coding[0].code).toBe('login-required');
      expect(setCookies(response.headers).some((c) => c.startsWith('__Host-itb-session=;') && /Max-Age=0/.test(c))).toBe(true);
    } finally {
      clock = new Date();
    }
  });

  it('logout needs CSRF, clears the session and hands back the IdP end-session URL', async () => {
    const browser = client();
    await browser.login(ALVA);
    const noHeader = await browser.request('auth/logout', { method: 'POST', csrf: false });
    expect(noHeader.response.status).toBe(403);
    expect(JSON.parse(noHeader.text).issue[0].details.coding[0].code).toBe('csrf');
    const foreign = await browser.request('auth/logout', { method: 'POST', origin: TEST_FOREIGN_ORIGIN });
    expect(foreign.response.status).toBe(403);
    expect(JSON.parse(foreign.text).issue[0].details.coding[0].code).toBe('origin-not-allowed');
    expect((await browser.json('auth/session')).body).toMatchObject({ signedIn: true });

    const badTarget = await browser.request(`auth/logout?returnTo=${encodeURIComponent(`${TEST_FOREIGN_ORIGIN}/x`)}`, { method: 'POST' });
    expect(badTarget.response.status).toBe(400);

    const out = await browser.json<{ endSessionUrl: string }>(`auth/logout?returnTo=${encodeURIComponent(POST_LOGOUT_TARGET)}`, { method: 'POST' });
    expect(out.status).toBe(200);
    const endSession = new URL(out.body.endSessionUrl);
    expect(endSession.href.startsWith(`${env.sandbox.issuer}/`)).toBe(true);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(POST_LOGOUT_TARGET);
    expect(endSession.searchParams.get('client_id')).toBe('itb-bff');
    expect(endSession.searchParams.has('id_token_hint')).toBe(false);
    expect((await browser.json('auth/session')).body).toEqual({ signedIn: false });
    expect((await browser.request('fhir/Appointment')).response.status).toBe(401);
    const { redirectUrl } = await logoutFromTestBankId(out.body.endSessionUrl, browser.jar);
    expect(redirectUrl).toBe(POST_LOGOUT_TARGET);

    // Without a session there is nothing to end at the IdP.
    const anonymous = await createPatientClient(env.bff.baseUrl, log, createTestCookieJar()).request('auth/logout', { method: 'POST' });
    expect(anonymous.response.status).toBe(204);
  });

  it('logout ends the session whatever body comes with it', async () => {
    for (const [type, body] of [['application/json', ''], ['application/json', '{not json'], ['application/fhir+json', 'x'.repeat(5000)], ['text/plain', 'bye'], ['application/x-www-form-urlencoded', 'a=1']] as const) {
      const browser = client();
      await browser.login(ALVA);
      const out = await browser.request('auth/logout', { method: 'POST', body, headers: { 'content-type': type } });
      expect(out.response.status, `${type} ${body.slice(0, 10)}`).toBe(200);
      expect((await browser.json('auth/session')).body, type).toEqual({ signedIn: false });
    }
  });

  it('rate-limits /auth/login per client IP with 429 rate-limited', async () => {
    const limited = await env.startExtra({ ITB_RATE_LIMIT_LOGIN_PER_MINUTE: '2' });
    const browser = createPatientClient(limited.baseUrl, log);
    const path = `auth/login?returnTo=${encodeURIComponent(`${TEST_ORIGIN}/book`)}`;
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await browser.request(path)).response.status);
    expect(statuses).toEqual([302, 302, 429]);
  });

  it('key rotation: another instance with [new, old] keys reads the session and re-seals it with the new key', async () => {
    const browser = client();
    await browser.login(ALVA);
    const cookie = browser.jar.headerFor(new URL(env.bff.baseUrl));
    const rotated = await env.startExtra({ ITB_SESSION_KEYS: `${newSessionKey()},${env.bff.config.sessionKeys[0]}` });
    const other = createPatientClient(rotated.baseUrl, log);
    const info = await other.request('auth/session', { headers: { cookie } });
    expect(JSON.parse(info.text)).toMatchObject({ signedIn: true, name: 'Alva Andersson' });
    const resealed = setCookies(info.response.headers).find((c) => c.startsWith('__Host-itb-session='));
    expect(resealed).toBeDefined();
    expect(await openSessionCookie(rotated.config, (resealed as string).split(';')[0] as string)).toBeDefined();
    expect(await openSessionCookie(env.bff.config, (resealed as string).split(';')[0] as string)).toBeUndefined();

    const removed = await env.startExtra({ ITB_SESSION_KEYS: newSessionKey() });
    const gone = await createPatientClient(removed.baseUrl, log).request('auth/session', { headers: { cookie } });
    expect(JSON.parse(gone.text)).toEqual({ signedIn: false });
  });
});
