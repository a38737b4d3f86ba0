import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { createPatientIdp, type PatientIdp } from './patient-idp.js';
import { relyingParty, type RelyingParty } from './relying-party.test-support.js';

const CLIENT = { clientId: 'rotation-tests', clientSecret: 'rotation-tests-secret', redirectUri: 'http://localhost:9/callback' };

let server: Server;
let idp: PatientIdp;
let rp: RelyingParty;

beforeAll(async () => {
  server = createServer((req, res) => idp.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}/oidc`;
  // A storage round trip as a database has: without it the in-memory store never yields between
  // finding and consuming a refresh token, and the concurrency test below could not fail.
  idp = await createPatientIdp({
    issuer,
    clients: [{ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUris: [CLIENT.redirectUri] }],
    storeLatencyMs: 5,
  });
  rp = await relyingParty(issuer, CLIENT);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const isValid = async (accessToken: string | undefined) => (await idp.verifyAccessToken(accessToken ?? '')) !== undefined;

const refresh = (refreshToken: string | undefined) => oidc.refreshTokenGrant(rp.config, refreshToken ?? '');

describe('refresh-token rotation', () => {
  it('answers every refresh with a new refresh token, which is the one that works next', async () => {
    const { tokens } = await rp.signIn('198503149828');
    const first = await refresh(tokens.refresh_token);
    expect(first.refresh_token).toEqual(expect.any(String));
    expect(first.refresh_token).not.toBe(tokens.refresh_token);
    const second = await refresh(first.refresh_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await isValid(second.access_token)).toBe(true);
  });

  it('revokes the whole grant when a used refresh token comes back: the newer tokens stop working too', async () => {
    const { tokens } = await rp.signIn('17048022480');
    const rotated = await refresh(tokens.refresh_token);
    expect(await isValid(rotated.access_token)).toBe(true);

    await expect(refresh(tokens.refresh_token)).rejects.toMatchObject({ error: 'invalid_grant' });

    expect(await isValid(rotated.access_token)).toBe(false);
    expect(await isValid(tokens.access_token)).toBe(false);
    await expect(refresh(rotated.refresh_token)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('lets exactly one of two concurrent refreshes with one token succeed; the other is reuse and revokes the grant', async () => {
    const { tokens } = await rp.signIn('199007219919');
    const results = await Promise.allSettled([refresh(tokens.refresh_token), refresh(tokens.refresh_token)]);

    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual([expect.objectContaining({ error: 'invalid_grant' })]);
    // The loser presented a consumed token, so the winner's fresh tokens went with the grant:
    // a client that refreshes twice at once logs its patient out, as against a production IdP.
    expect(await isValid(won[0]?.access_token)).toBe(false);
    await expect(refresh(won[0]?.refresh_token)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
