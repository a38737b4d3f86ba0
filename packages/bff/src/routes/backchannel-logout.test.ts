/**
 * Logout on one instance without Redis: `POST /auth/logout` puts the session on the revocation
 * list (a saved copy of the cookie stops working at once), and OIDC Back-Channel Logout from the
 * sandbox IdP revokes the patient's session; logout tokens that are forged, replayed or malformed
 * are refused with 400.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signOutAtTestIdp } from '@itb/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON, reasonOf } from '../../test/booking-fixtures.test-support.js';
import { createPatientClient, type PatientClient } from '../../test/patient-client.test-support.js';
import { startPatientEnv, type PatientEnv } from '../../test/patient-env.test-support.js';
import { BACKCHANNEL_LOGOUT_EVENT, logoutSubjectOf } from './backchannel-logout.js';

/** Stands between the IdP and the BFF and keeps every logout token it passes on. */
interface TokenTap {
  readonly url: string;
  readonly tokens: string[];
  /** Resolves with the next token once the BFF has answered it. */
  next(): Promise<string>;
  close(): Promise<void>;
  target: string;
}

async function startTokenTap(): Promise<TokenTap> {
  const waiting: ((token: string) => void)[] = [];
  const tap: TokenTap = {
    url: '',
    tokens: [],
    target: '',
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      void fetch(tap.target, { method: 'POST', headers: { 'content-type': String(request.headers['content-type']) }, body }).then(async (answer) => {
        response.writeHead(answer.status).end(await answer.text());
        const token = new URLSearchParams(body).get('logout_token') ?? '';
        tap.tokens.push(token);
        waiting.shift()?.(token);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(tap, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/backchannel` });
}

function postLogoutToken(env: PatientEnv, token: string, contentType = 'application/x-www-form-urlencoded'): Promise<Response> {
  return fetch(`${env.bff.baseUrl}/auth/backchannel-logout`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new URLSearchParams({ logout_token: token }).toString(),
  });
}

async function signedIn(client: PatientClient): Promise<unknown> {
  return (await client.json<{ signedIn: boolean }>('auth/session')).body.signedIn;
}

describe('logout on a single instance (no Redis)', () => {
  let env: PatientEnv;
  let tap: TokenTap;
  beforeAll(async () => {
    tap = await startTokenTap();
    env = await startPatientEnv({ backchannelLogoutUri: () => tap.url });
    tap.target = `${env.bff.baseUrl}/auth/backchannel-logout`;
  });
  afterAll(async () => {
    await env?.close();
    await tap?.close();
  });

  it('refuses a saved copy of the cookie at once after logout', async () => {
    const alva = createPatientClient(env.bff.baseUrl);
    await alva.login(PERSON.alva);
    const copy = { headers: { cookie: alva.jar.headerFor(new URL(env.bff.baseUrl)) } };
    const sessionWithCopy = async () => (await (await fetch(`${env.bff.baseUrl}/auth/session`, copy)).json() as { signedIn: boolean }).signedIn;
    expect(await sessionWithCopy()).toBe(true);
    expect((await alva.request('auth/logout', { method: 'POST' })).response.ok).toBe(true);
    expect(await sessionWithCopy()).toBe(false);
    const mine = await fetch(`${env.bff.baseUrl}/fhir/Appointment`, copy);
    expect([mine.status, reasonOf(await mine.json())]).toEqual([401, 'login-required']);
  });

  it('signs the patient out when the IdP says their session ended, and refuses the same token again', async () => {
    const erik = createPatientClient(env.bff.baseUrl);
    await erik.login(PERSON.erik);
    expect(await signedIn(erik)).toBe(true);
    const delivered = tap.next();
    await signOutAtTestIdp(env.sandbox.issuer, { cookies: erik.jar });
    const token = await delivered;
    expect(await signedIn(erik)).toBe(false);

    const replay = await postLogoutToken(env, token);
    expect(replay.status).toBe(400);
    expect(reasonOf(await replay.json())).toBe('invalid-parameter');
  });

  it('refuses a logout token whose signature does not match, and one that is not a form', async () => {
    const alva = createPatientClient(env.bff.baseUrl);
    await alva.login(PERSON.alva);
    const delivered = tap.next();
    const other = createPatientClient(env.bff.baseUrl);
    await other.login(PERSON.erik);
    await signOutAtTestIdp(env.sandbox.issuer, { cookies: other.jar });
    const [header, payload, signature] = (await delivered).split('.');
    // The same token naming Alva's subject instead: the IdP never signed that.
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = [header, Buffer.from(JSON.stringify({ ...claims, jti: 'forged', sid: 'someone-else' })).toString('base64url'), signature].join('.');
    expect((await postLogoutToken(env, forged)).status).toBe(400);
    expect((await postLogoutToken(env, 'not-a-jwt')).status).toBe(400);
    expect((await postLogoutToken(env, forged, 'application/json')).status).toBe(400);
    expect(await signedIn(alva)).toBe(true);
  });
});

describe('logoutSubjectOf (spec §2.6 checks beyond the signature)', () => {
  const event = { [BACKCHANNEL_LOGOUT_EVENT]: {} };

  it('takes sid and sub, or either alone', () => {
    expect(logoutSubjectOf({ events: event, sid: 's1', sub: 'u1', jti: 'j' })).toEqual({ sid: 's1', sub: 'u1', jti: 'j' });
    expect(logoutSubjectOf({ events: event, sub: 'u1', jti: 'j' })).toEqual({ sub: 'u1', jti: 'j' });
  });

  it.each([
    ['no events', { sid: 's1', jti: 'j' }],
    ['another event', { events: { 'http://example.com/other': {} }, sid: 's1', jti: 'j' }],
    ['an event that is not an object', { events: { [BACKCHANNEL_LOGOUT_EVENT]: 'yes' }, sid: 's1', jti: 'j' }],
    ['a nonce (an ID token passed off as a logout token)', { events: event, sid: 's1', jti: 'j', nonce: 'n' }],
    ['neither sid nor sub', { events: event, jti: 'j' }],
    ['no jti', { events: event, sid: 's1' }],
  ])('refuses %s', (_name, payload) => {
    expect(() => logoutSubjectOf(payload)).toThrow();
  });
});
