import { randomBytes } from 'node:crypto';
import { loginWithTestBankId } from '@itb/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_FOREIGN_ORIGIN, TEST_ORIGIN, TEST_OTHER_ALLOWED_ORIGIN } from '../../test/bff-test-env.test-support.js';
import { createPatientClient, type PatientClient, type ResponseLog } from '../../test/patient-client.test-support.js';
import { openSessionCookie, startPatientEnv, type PatientBff, type PatientEnv } from '../../test/patient-env.test-support.js';
import { hashClaim } from './auth-handoff.js';

const ALVA = '198503149828';
const log: ResponseLog = [];
let env: PatientEnv;
let sameSite: PatientBff;
let clock = new Date();

beforeAll(async () => {
  env = await startPatientEnv({ extraPorts: 2, env: { ITB_COOKIE_MODE: 'cross-site' }, now: () => clock });
  sameSite = await env.startExtra({ ITB_COOKIE_MODE: 'same-site' });
});
afterAll(async () => {
  await env?.close();
});

function newClaim(): { claim: string; claimHash: string } {
  const claim = randomBytes(16).toString('base64url');
  return { claim, claimHash: hashClaim(claim) };
}

/** The login as a browser runs it, with `claimHash` in the login URL. */
async function login(browser: PatientClient, query: Record<string, string>): Promise<{ status: number; location: string | null; text: string; headers: Headers }> {
  const start = await browser.request(`auth/login?${new URLSearchParams(query).toString()}`);
  const location = start.response.headers.get('location');
  if (start.response.status !== 302 || location === null) throw new Error(`login did not redirect: ${start.response.status}`);
  const { callbackUrl } = await loginWithTestBankId(location, ALVA, { cookies: browser.jar });
  const callback = await browser.request(callbackUrl);
  return { status: callback.response.status, location: callback.response.headers.get('location'), text: callback.text, headers: callback.response.headers };
}

/** A popup login on the cross-site BFF: the hand-off from the page's postMessage. */
async function popupHandoff(browser: PatientClient, claimHash: string, returnTo = `${TEST_ORIGIN}/page`): Promise<string> {
  const page = await login(browser, { returnTo, mode: 'popup', claimHash });
  expect(page.status).toBe(200);
  // The callback itself sets no session cookie in cross-site mode (only clears the transaction).
  expect(page.headers.getSetCookie().filter((c) => c.startsWith('__Host-itb-session=') && !/Max-Age=0/.test(c))).toEqual([]);
  // Posted to the returnTo origin only, never '*'.
  expect(page.text).toContain(`var o=${JSON.stringify(new URL(returnTo).origin)}`);
  const handoff = /"handoff":"([\w.-]+)"/.exec(page.text)?.[1];
  expect(handoff).toBeDefined();
  return handoff as string;
}

function claimRequest(browser: PatientClient, body: unknown, init: { origin?: string; csrf?: boolean } = {}) {
  return browser.request('auth/session/claim', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...init });
}

function reasonOf(text: string): string {
  return JSON.parse(text).issue[0].details.coding[0].code;
}

function sessionCookies(headers: Headers): string[] {
  return headers.getSetCookie().filter((c) => c.startsWith('__Host-itb-session'));
}

describe('cross-site login hand-off', () => {
  it('popup: the hand-off goes to the returnTo origin only; the claim sets the partitioned cookie once', async () => {
    const browser = createPatientClient(env.bff.baseUrl, log);
    const { claim, claimHash } = newClaim();
    const handoff = await popupHandoff(browser, claimHash);
    expect((await browser.json('auth/session')).body).toEqual({ signedIn: false });

    const first = await claimRequest(browser, { handoff, claim });
    expect(first.response.status).toBe(204);
    expect(first.response.headers.get('cache-control')).toBe('no-store');
    const [cookie] = sessionCookies(first.response.headers);
    expect(cookie).toMatch(/^__Host-itb-session=[\w.-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; Partitioned; SameSite=None$/);
    const session = await openSessionCookie(env.bff.config, (cookie as string).split(';')[0] as string, clock);
    expect(session?.identity.displayName).toBe('Alva Andersson');
    expect((await browser.json('auth/session')).body).toMatchObject({ signedIn: true, name: 'Alva Andersson' });

    // Reused: refused, and no second cookie.
    const again = await claimRequest(browser, { handoff, claim });
    expect(again.response.status).toBe(401);
    expect(reasonOf(again.text)).toBe('login-required');
    expect(sessionCookies(again.response.headers)).toEqual([]);
  });

  it('redirect: the hand-off rides in the fragment, after the page\'s own fragment', async () => {
    const browser = createPatientClient(env.bff.baseUrl, log);
    const { claim, claimHash } = newClaim();
    const answer = await login(browser, { returnTo: `${TEST_ORIGIN}/book?clinic=1#step`, mode: 'redirect', claimHash });
    expect(answer.status).toBe(303);
    const location = new URL(answer.location as string);
    expect(`${location.origin}${location.pathname}${location.search}`).toBe(`${TEST_ORIGIN}/book?clinic=1`);
    const handoff = /^#step&itb-handoff=([\w.-]+)$/.exec(location.hash)?.[1];
    expect(handoff).toBeDefined();
    expect(sessionCookies(answer.headers).filter((c) => !/Max-Age=0/.test(c))).toEqual([]);
    const claimed = await claimRequest(browser, { handoff, claim });
    expect(claimed.response.status).toBe(204);
    expect((await browser.json('auth/session')).body).toMatchObject({ signedIn: true });
  });

  it('a wrong claim is refused without using the hand-off up', async () => {
    const browser = createPatientClient(env.bff.baseUrl, log);
    const { claim, claimHash } = newClaim();
    const handoff = await popupHandoff(browser, claimHash);
    for (const wrong of [newClaim().claim, claimHash]) {
      const refused = await claimRequest(browser, { handoff, claim: wrong });
      expect(refused.response.status).toBe(401);
      expect(reasonOf(refused.text)).toBe('login-required');
      expect(sessionCookies(refused.response.headers)).toEqual([]);
    }
    const tampered = await claimRequest(browser, { handoff: `${handoff.slice(0, -4)}AAAA`, claim });
    expect(tampered.response.status).toBe(401);
    const malformed = await claimRequest(browser, { handoff, claim: 'short' });
    expect(malformed.response.status).toBe(400);
    expect(reasonOf(malformed.text)).toBe('invalid-parameter');
    expect((await browser.json('auth/session')).body).toEqual({ signedIn: false });
    expect((await claimRequest(browser, { handoff, claim })).response.status).toBe(204);
  });

  it('an expired hand-off (over 60 s) is refused', async () => {
    const browser = createPatientClient(env.bff.baseUrl, log);
    const { claim, claimHash } = newClaim();
    const handoff = await popupHandoff(browser, claimHash);
    clock = new Date(Date.now() + 61_000);
    try {
      const late = await claimRequest(browser, { handoff, claim });
      expect(late.response.status).toBe(401);
      expect(sessionCookies(late.response.headers)).toEqual([]);
    } finally {
      clock = new Date();
    }
  });

  it('needs the CSRF header and the Origin the login returned to', async () => {
    const browser = createPatientClient(env.bff.baseUrl, log);
    const { claim, claimHash } = newClaim();
    const handoff = await popupHandoff(browser, claimHash);
    const foreign = await claimRequest(browser, { handoff, claim }, { origin: TEST_FOREIGN_ORIGIN });
    expect(foreign.response.status).toBe(403);
    expect(reasonOf(foreign.text)).toBe('origin-not-allowed');
    const noCsrf = await claimRequest(browser, { handoff, claim }, { csrf: false });
    expect(noCsrf.response.status).toBe(403);
    expect(reasonOf(noCsrf.text)).toBe('csrf');
    // Allowed, but not the origin this login returns to.
    const otherPage = await claimRequest(browser, { handoff, claim }, { origin: TEST_OTHER_ALLOWED_ORIGIN });
    expect(otherPage.response.status).toBe(401);
    for (const response of [foreign, noCsrf, otherPage]) expect(sessionCookies(response.response.headers)).toEqual([]);
    expect((await claimRequest(browser, { handoff, claim })).response.status).toBe(204);
  });

  it('a cross-site login started without claimHash ends as login-failed, without a session', async () => {
    const browser = createPatientClient(env.bff.baseUrl, log);
    const answer = await login(browser, { returnTo: `${TEST_ORIGIN}/book`, mode: 'redirect' });
    expect(answer.location).toBe(`${TEST_ORIGIN}/book?itb-login-error=login-failed`);
    expect((await browser.json('auth/session')).body).toEqual({ signedIn: false });
  });

  it('same-site mode is unaffected: the callback sets the cookie, no hand-off, no claim route', async () => {
    const browser = createPatientClient(sameSite.baseUrl, log);
    const { claim, claimHash } = newClaim();
    const page = await login(browser, { returnTo: `${TEST_ORIGIN}/page`, mode: 'popup', claimHash });
    expect(page.text).toContain('var m={"type":"itb-login","ok":true}');
    expect(sessionCookies(page.headers)[0]).toMatch(/; SameSite=Lax$/);
    const redirect = await login(browser, { returnTo: `${TEST_ORIGIN}/book`, mode: 'redirect', claimHash });
    expect(redirect.location).toBe(`${TEST_ORIGIN}/book`);
    expect((await browser.json('auth/session')).body).toMatchObject({ signedIn: true });
    const claimed = await claimRequest(browser, { handoff: 'x', claim });
    expect(claimed.response.status).toBe(404);
  });

  it('rate-limits the claim like login', async () => {
    const limited = await env.startExtra({ ITB_RATE_LIMIT_LOGIN_PER_MINUTE: '2' });
    const browser = createPatientClient(limited.baseUrl, log);
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await claimRequest(browser, { handoff: 'x', claim: newClaim().claim })).response.status);
    expect(statuses).toEqual([401, 401, 429]);
  });
});
