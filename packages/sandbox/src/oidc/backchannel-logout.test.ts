import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from '../create-sandbox.js';
import { createPatientIdp } from './patient-idp.js';
import { relyingParty, type RelyingParty } from './relying-party.test-support.js';
import { signOutAtTestIdp } from './test-login.js';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
const WITH_URI = { clientId: 'bff-with-backchannel', clientSecret: 'secret-a', redirectUri: 'http://localhost:9/a/callback' };
const WITHOUT_URI = { clientId: 'bff-without-backchannel', clientSecret: 'secret-b', redirectUri: 'http://localhost:9/b/callback' };

interface Received {
  method: string;
  path: string;
  contentType: string;
  form: URLSearchParams;
}

/** The BFF's side: a plain server on a free localhost port that records every POST it gets. */
let receiver: Server;
let backchannelUri: string;
const received: Received[] = [];
let answerStatus = 200;
let onReceived: ((request: Received) => void) | undefined;

let sandbox: Sandbox;
let withUri: RelyingParty;
let withoutUri: RelyingParty;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        contentType: req.headers['content-type'] ?? '',
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      received.push(request);
      res.writeHead(answerStatus).end();
      onReceived?.(request);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, 'localhost', resolve));
  backchannelUri = `http://localhost:${(receiver.address() as AddressInfo).port}/auth/backchannel-logout`;

  sandbox = await createSandbox({
    port: 0,
    oidcClients: [
      { clientId: WITH_URI.clientId, clientSecret: WITH_URI.clientSecret, redirectUris: [WITH_URI.redirectUri], backchannelLogoutUri: backchannelUri },
      { clientId: WITHOUT_URI.clientId, clientSecret: WITHOUT_URI.clientSecret, redirectUris: [WITHOUT_URI.redirectUri] },
    ],
  });
  withUri = await relyingParty(sandbox.issuer, WITH_URI);
  withoutUri = await relyingParty(sandbox.issuer, WITHOUT_URI);
});

afterAll(async () => {
  await sandbox.close();
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

/** Resolves with the next POST the receiver gets. */
function nextBackchannelCall(): Promise<Received> {
  return new Promise((resolve) => {
    onReceived = (request) => {
      onReceived = undefined;
      resolve(request);
    };
  });
}

async function patientReadStatus(accessToken: string): Promise<number> {
  const response = await fetch(`${sandbox.fhirBase}/Patient`, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/fhir+json' } });
  await response.body?.cancel();
  return response.status;
}

describe('back-channel logout', () => {
  it('puts sid into the ID tokens of a client with a back-channel URI, and only of those', async () => {
    const { tokens, cookies } = await withUri.signIn('198503149828');
    expect(tokens.claims()?.sid).toEqual(expect.any(String));
    const other = await withoutUri.signIn('ignored', cookies);
    expect(other.tokens.claims()).not.toHaveProperty('sid');
  });

  it('POSTs a signed logout_token to each client of the IdP session that registered a URI, before the sign-out answers', async () => {
    received.length = 0;
    const { tokens, cookies } = await withUri.signIn('17048022480');
    const other = await withoutUri.signIn('ignored', cookies);
    const idToken = tokens.claims();

    const call = nextBackchannelCall();
    await signOutAtTestIdp(sandbox.issuer, { cookies });
    // oidc-provider waits for the back-channel answers before it answers the sign-out.
    expect(received).toHaveLength(1);
    const request = await call;

    expect(request.method).toBe('POST');
    expect(request.path).toBe('/auth/backchannel-logout');
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    const { payload, protectedHeader } = await jwtVerify(request.form.get('logout_token') ?? '', createRemoteJWKSet(new URL(`${sandbox.issuer}/jwks`)), {
      issuer: sandbox.issuer,
      audience: WITH_URI.clientId,
      typ: 'logout+jwt',
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.events).toEqual({ [BACKCHANNEL_EVENT]: {} });
    expect(payload.sid).toBe(idToken?.sid);
    expect(payload.sub).toBe(idToken?.sub);
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload.iat).toEqual(expect.any(Number));
    expect(payload.exp).toBe((payload.iat ?? 0) + 120);
    expect(payload).not.toHaveProperty('nonce');

    // The IdP session's grants are revoked with it, for both clients.
    expect(await patientReadStatus(tokens.access_token)).toBe(401);
    expect(await patientReadStatus(other.tokens.access_token)).toBe(401);
  });

  it('ends the whole IdP session when the sign-out names another client, and a failing endpoint does not stop it', async () => {
    answerStatus = 500;
    try {
      const { tokens, cookies } = await withUri.signIn('199007219919');
      received.length = 0;
      const call = nextBackchannelCall();
      await signOutAtTestIdp(sandbox.issuer, { cookies, clientId: WITHOUT_URI.clientId });
      expect(received).toHaveLength(1);
      const request = await call;
      expect(request.form.get('logout_token')).toEqual(expect.any(String));
      expect(await patientReadStatus(tokens.access_token)).toBe(401);
    } finally {
      answerStatus = 200;
    }
  });

  it('refuses at start-up a back-channel URI that is not http(s)', async () => {
    await expect(createPatientIdp({
      issuer: 'http://localhost:9/oidc',
      clients: [{ clientId: 'bad', clientSecret: 'bad', redirectUris: ['http://localhost:9/cb'], backchannelLogoutUri: 'ftp://localhost/logout' }],
    })).rejects.toThrow(/backchannel_logout_uri/);
  });
});
