// Longer than our usual 300 lines on purpose: every flow here runs against one real provider on one
// server, as a relying party sees it, and splitting would only copy that fixture around.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { PERSONAL_NUMBER_SYSTEM } from '@itb/shared';
import { createPatientIdp, type PatientIdp } from './patient-idp.js';
import { createTestCookieJar, loginWithTestBankId, logoutFromTestBankId } from './test-login.js';

const CLIENT_ID = 'itb-bff';
const CLIENT_SECRET = 'bff-test-secret';
const SCOPE = 'openid wof-profile PortalAccess patient/Patient.read patient/Appointment.read patient/Appointment.write patient/$book.write';

let server: Server;
let idp: PatientIdp;
let origin: string;
let issuer: string;
let redirectUri: string;
let postLogoutUri: string;
let clockOffsetMs = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/oidc')) idp.handle(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  issuer = `${origin}/oidc`;
  redirectUri = `${origin}/auth/callback`;
  postLogoutUri = `${origin}/signed-out`;
  idp = await createPatientIdp({
    issuer,
    clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [redirectUri], postLogoutRedirectUris: [postLogoutUri, `${origin}/pages/*`] }],
    accessTokenTtlSeconds: 120,
    now: () => new Date(Date.now() + clockOffsetMs),
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function discover(auth: oidc.ClientAuth = oidc.ClientSecretBasic(CLIENT_SECRET)): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), CLIENT_ID, undefined, auth, { execute: [oidc.allowInsecureRequests] });
}

async function startLogin(config: oidc.Configuration, extra: Record<string, string> = {}) {
  const pkceCodeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SCOPE,
    code_challenge: await oidc.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, pkceCodeVerifier, state, nonce };
}

async function fullLogin(personalNumber: string, config?: oidc.Configuration) {
  const cfg = config ?? (await discover());
  const login = await startLogin(cfg);
  const { callbackUrl, cookies } = await loginWithTestBankId(login.url.href, personalNumber);
  const tokens = await oidc.authorizationCodeGrant(cfg, new URL(callbackUrl), {
    pkceCodeVerifier: login.pkceCodeVerifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
  });
  return { config: cfg, tokens, cookies };
}

async function getInteractionPage(url: URL) {
  const jar = createTestCookieJar();
  const first = await fetch(url, { redirect: 'manual' });
  jar.store(url, first);
  const pageUrl = new URL(first.headers.get('location') ?? '', url);
  const page = await fetch(pageUrl, { headers: { cookie: jar.headerFor(pageUrl), accept: 'text/html' } });
  jar.store(pageUrl, page);
  return { pageUrl, page, html: await page.text(), jar };
}

describe('discovery', () => {
  it('publishes the issuer, endpoints under /oidc, the spec scopes, S256 and the profile claims', async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const meta = (await response.json()) as Record<string, unknown>;
    expect(meta['issuer']).toBe(issuer);
    expect(meta['authorization_endpoint']).toBe(`${issuer}/auth`);
    expect(meta['token_endpoint']).toBe(`${issuer}/token`);
    expect(meta['end_session_endpoint']).toBe(`${issuer}/session/end`);
    expect(meta['code_challenge_methods_supported']).toEqual(['S256']);
    expect(meta['token_endpoint_auth_methods_supported']).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
    expect(meta['scopes_supported']).toEqual(expect.arrayContaining([
      'openid', 'offline_access', 'wof-profile', 'PortalAccess', 'patient/$book.write', 'system/$get-offers-context.read', 'system/$find.read',
    ]));
    expect(meta['claims_supported']).toEqual(expect.arrayContaining(['sub', 'personal_number', 'personal_number_system', 'given_name', 'family_name', 'birthdate']));
  });

  it('answers unknown paths below /oidc with an OperationOutcome', async () => {
    const response = await fetch(`${issuer}/nothing-here`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });
});

describe('sign-in with a seeded person', () => {
  it('completes code + PKCE + state + nonce and puts the patient in the ID token', async () => {
    const { tokens } = await fullLogin('198503149828');
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: issuer,
      aud: CLIENT_ID,
      name: 'Alva Andersson',
      given_name: 'Alva',
      family_name: 'Andersson',
      birthdate: '1985-03-14',
      personal_number: '198503149828',
      personal_number_system: PERSONAL_NUMBER_SYSTEM.sePersonnummer,
    });
    expect(claims?.sub).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(claims?.sub).not.toContain('198503149828');
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.expires_in).toBe(120);
    expect(tokens.scope?.split(' ')).toEqual(expect.arrayContaining(['openid', 'wof-profile', 'PortalAccess', 'patient/$book.write']));
  });

  it('gives the same person the same subject every time', async () => {
    const first = await fullLogin('197211059840');
    const second = await fullLogin('19721105-9840');
    expect(first.tokens.claims()?.sub).toBe(second.tokens.claims()?.sub);
    expect(first.tokens.claims()?.given_name).toBe('Anna Maria');
  });

  it('verifies the access token in-process: person, scopes and expiry', async () => {
    const { tokens } = await fullLogin('17048022480');
    const grant = await idp.verifyAccessToken(tokens.access_token);
    expect(grant?.person.givenName).toBe('Kari');
    expect(grant?.person.system).toBe(PERSONAL_NUMBER_SYSTEM.noFodselsnummer);
    expect(grant?.scopes.has('patient/$book.write')).toBe(true);
    expect(grant?.scopes.has('system/$find.read')).toBe(false);
    const nowSeconds = Math.floor(Date.now() / 1000);
    expect(grant?.expiresAt).toBeGreaterThan(nowSeconds + 100);
    expect(grant?.expiresAt).toBeLessThanOrEqual(nowSeconds + 121);
  });

  it('rejects unknown and expired access tokens', async () => {
    expect(await idp.verifyAccessToken('not-a-token')).toBeUndefined();
    expect(await idp.verifyAccessToken('')).toBeUndefined();
    const { tokens } = await fullLogin('199007219919');
    expect(await idp.verifyAccessToken(tokens.access_token)).toBeDefined();
    clockOffsetMs = 121_000;
    try {
      expect(await idp.verifyAccessToken(tokens.access_token)).toBeUndefined();
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('refreshes: a new access token for the same person, with a fresh ID token', async () => {
    const { config, tokens } = await fullLogin('43099242311');
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect((await idp.verifyAccessToken(refreshed.access_token))?.person.givenName).toBe('Lars');
    expect(refreshed.claims()?.sub).toBe(tokens.claims()?.sub);
    expect(refreshed.claims()?.personal_number).toBe('43099242311');
  });

  it('accepts client_secret_post as well', async () => {
    const config = await discover(oidc.ClientSecretPost(CLIENT_SECRET));
    const { tokens } = await fullLogin('198802699937', config);
    expect(tokens.claims()?.personal_number_system).toBe(PERSONAL_NUMBER_SYSTEM.seSamordningsnummer);
  });

  it('reuses the IdP session: a second authorization needs no page', async () => {
    const { cookies } = await fullLogin('01127531508');
    const config = await discover();
    const again = await startLogin(config);
    const { callbackUrl } = await loginWithTestBankId(again.url.href, 'ignored', { cookies });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: again.pkceCodeVerifier, expectedState: again.state, expectedNonce: again.nonce });
    expect(tokens.claims()?.given_name).toBe('Ola');
  });

  it('consents automatically when a signed-in patient is asked for more scopes', async () => {
    const { cookies } = await fullLogin('01127531508');
    const config = await discover();
    const more = await startLogin(config, { scope: `${SCOPE} system/$find.read` });
    const { callbackUrl } = await loginWithTestBankId(more.url.href, 'ignored', { cookies });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: more.pkceCodeVerifier, expectedState: more.state, expectedNonce: more.nonce });
    expect((await idp.verifyAccessToken(tokens.access_token))?.scopes.has('system/$find.read')).toBe(true);
  });
});

describe('sign-in with a typed number', () => {
  it('signs in any valid number as a neutral test person', async () => {
    const { tokens } = await fullLogin('19121212-1212');
    expect(tokens.claims()).toMatchObject({ name: 'Testperson 1212', personal_number: '191212121212', birthdate: '1912-12-12' });
    expect((await idp.verifyAccessToken(tokens.access_token))?.person.familyName).toBe('1212');
  });

  it('shows the page again with an accessible error for an invalid number, and no code is issued', async () => {
    const config = await discover();
    const login = await startLogin(config);
    await expect(loginWithTestBankId(login.url.href, '198503149829')).rejects.toThrow(/refused/);

    const { pageUrl, jar } = await getInteractionPage(login.url);
    const hostile = '<script>alert(1)</script>"><img src=x>';
    const loginUrl = new URL(`${pageUrl.pathname}/login`, pageUrl);
    const response = await fetch(loginUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.headerFor(loginUrl), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ personalNumber: hostile }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#62;&#60;img src=x&#62;');
    expect(html).toMatch(/id="personal-number"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/aria-live="polite" data-testid="personal-number-error">[^<]+</);
    expect(html).toContain('<label for="personal-number">');

    // The same interaction still signs in once the number is right.
    const retry = await fetch(loginUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.headerFor(loginUrl), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ personalNumber: '198503149828' }).toString(),
    });
    expect(retry.status).toBe(303);
  });

  it('cancel ends the sign-in with access_denied at the client', async () => {
    const config = await discover();
    const login = await startLogin(config);
    const { callbackUrl } = await loginWithTestBankId(login.url.href, '', { cancel: true });
    const callback = new URL(callbackUrl);
    expect(callback.origin + callback.pathname).toBe(redirectUri);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(login.state);
    expect(callback.searchParams.has('code')).toBe(false);
  });
});

describe('the login page', () => {
  it('is Swedish by default, lists the seeded persons as buttons and carries a strict CSP', async () => {
    const config = await discover();
    const { page, html } = await getInteractionPage((await startLogin(config)).url);
    expect(page.status).toBe(200);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('Logga in med test-BankID');
    expect(html).toMatch(/<button type="submit" class="person" name="personalNumber" value="198503149828" data-testid="person-198503149828">.*Alva Andersson/);
    expect(html).toContain('Anna Maria Lindqvist');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*script-src 'none'/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    // Own cookie names: cookies ignore ports, and the BFF shares `localhost` with the sandbox.
    const first = await fetch((await startLogin(config)).url, { redirect: 'manual' });
    expect(first.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(expect.arrayContaining(['itb_idp_interaction', 'itb_idp_resume']));
  });

  it('follows ui_locales (English, Norwegian, Danish, Finnish)', async () => {
    const config = await discover();
    const en = await getInteractionPage((await startLogin(config, { ui_locales: 'en-GB sv' })).url);
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Sign in with test BankID');
    const nb = await getInteractionPage((await startLogin(config, { ui_locales: 'no' })).url);
    expect(nb.html).toContain('<html lang="nb">');
    expect(nb.html.indexOf('Kari Nordmann')).toBeLessThan(nb.html.indexOf('Alva Andersson'));
    const da = await getInteractionPage((await startLogin(config, { ui_locales: 'da-DK' })).url);
    expect(da.html).toContain('<html lang="da">');
    expect(da.html).toContain('Vælg en testperson');
    const fi = await getInteractionPage((await startLogin(config, { ui_locales: 'fi-FI en' })).url);
    expect(fi.html).toContain('<html lang="fi">');
    expect(fi.html).toContain('Valitse testihenkilö');
  });

  it('answers a stale or foreign interaction URL with the expired page', async () => {
    const response = await fetch(`${issuer}/interaction/unknown-uid`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Inloggningen har gått ut');
    const api = await fetch(`${issuer}/interaction/unknown-uid`);
    expect(((await api.json()) as { resourceType: string }).resourceType).toBe('OperationOutcome');
  });
});

describe('refused requests', () => {
  it('a wrong client secret fails the exchange and leaves the code usable', async () => {
    const good = await discover();
    const login = await startLogin(good);
    const { callbackUrl } = await loginWithTestBankId(login.url.href, '198503149828');
    const wrong = await discover(oidc.ClientSecretBasic('not-the-secret'));
    const checks = { pkceCodeVerifier: login.pkceCodeVerifier, expectedState: login.state, expectedNonce: login.nonce };
    await expect(oidc.authorizationCodeGrant(wrong, new URL(callbackUrl), checks)).rejects.toMatchObject({ status: 401, cause: [{ parameters: { error: 'invalid_client' } }] });
    const tokens = await oidc.authorizationCodeGrant(good, new URL(callbackUrl), checks);
    expect(tokens.claims()?.given_name).toBe('Alva');
  });

  it('a wrong PKCE verifier fails the exchange', async () => {
    const config = await discover();
    const login = await startLogin(config);
    const { callbackUrl } = await loginWithTestBankId(login.url.href, '198503149828');
    await expect(oidc.authorizationCodeGrant(config, new URL(callbackUrl), {
      pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: login.state, expectedNonce: login.nonce,
    })).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('an unregistered redirect_uri gets an error page, no redirect and no interaction', async () => {
    const config = await discover();
    const login = await startLogin(config, { redirect_uri: `${origin}/evil` });
    const response = await fetch(login.url, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.getSetCookie()).toEqual([]);
    const html = await response.text();
    expect(html).toContain('redirect_uri');
    expect(html).not.toContain(`${origin}/evil`);
  });

  it('an authorization request without PKCE is refused at the client', async () => {
    const config = await discover();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: redirectUri, scope: SCOPE, state: 'abc' });
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });
});

describe('logout', () => {
  it('ends the IdP session, returns to the registered URI and revokes the tokens', async () => {
    const { config, tokens, cookies } = await fullLogin('198503149828');
    const idToken = tokens.id_token ?? '';
    const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutUri, state: 'bye' });

    const page = await fetch(endSession, { headers: { cookie: cookies.headerFor(endSession) } });
    const html = await page.text();
    const nonce = /script-src 'nonce-([^']+)'/.exec(page.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script nonce="${nonce}">`);

    const { redirectUrl } = await logoutFromTestBankId(endSession.href, cookies);
    expect(redirectUrl).toBe(`${postLogoutUri}?state=bye`);
    expect(await idp.verifyAccessToken(tokens.access_token)).toBeUndefined();
    await expect(oidc.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({ error: 'invalid_grant' });

    // The session is gone: the next authorization shows the page again.
    const again = await startLogin(config);
    const response = await fetch(again.url, { redirect: 'manual', headers: { cookie: cookies.headerFor(again.url) } });
    expect(response.headers.get('location')).toMatch(/\/oidc\/interaction\//);
  });

  it('with client_id instead of id_token_hint it asks first, then returns to a URI under a registered /* pattern', async () => {
    const { config, tokens, cookies } = await fullLogin('17048022480');
    const returnTo = `${origin}/pages/clinic/7?tab=times`;
    const endSession = oidc.buildEndSessionUrl(config, { client_id: CLIENT_ID, post_logout_redirect_uri: returnTo });
    const page = await fetch(endSession, { headers: { cookie: cookies.headerFor(endSession) } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain('<script');
    expect(html).toContain('data-testid="logout-yes"');
    const { redirectUrl } = await logoutFromTestBankId(endSession.href, cookies);
    expect(redirectUrl).toBe(returnTo);
    expect(await idp.verifyAccessToken(tokens.access_token)).toBeUndefined();
  });

  it('refuses a post_logout_redirect_uri that is not registered, and the session stays', async () => {
    const { config, tokens, cookies } = await fullLogin('198503149828');
    for (const uri of [`${origin}/elsewhere`, `${origin}/pages`, `${origin}/pagesX/`]) {
      const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token ?? '', post_logout_redirect_uri: uri });
      const response = await fetch(endSession, { headers: { cookie: cookies.headerFor(endSession), accept: 'text/html' }, redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('post_logout_redirect_uri not registered');
    }
    expect(await idp.verifyAccessToken(tokens.access_token)).toBeDefined();
  });

  it('asks before signing out when the client gave no registered place to return to', async () => {
    const { cookies } = await fullLogin('198503149828');
    const endSession = new URL(`${issuer}/session/end`);
    const page = await fetch(endSession, { headers: { cookie: cookies.headerFor(endSession) } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toContain('<script');
    expect(html).toContain('data-testid="logout-yes"');
  });
});
