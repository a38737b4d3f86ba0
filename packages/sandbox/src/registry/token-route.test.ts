import * as oidc from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY_CLIENT } from './registry-options.js';
import { startRegistryEnv, type RegistryEnv } from './registry.test-support.js';

let env: RegistryEnv;

beforeAll(async () => {
  env = await startRegistryEnv();
});
afterAll(() => env.close());
afterEach(() => env.sandbox.registry.knobs.reset());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

describe('the registry token endpoint (client credentials)', () => {
  it('issues an opaque bearer token for the registered client and the default scope', async () => {
    const { registry } = env.sandbox;
    expect(registry.tokenUrl).toBe(`${env.sandbox.origin}/registry/oauth2/token`);
    expect(registry.scope).toBe(`${env.sandbox.origin}/registry/fhir/.default`);
    expect([registry.clientId, registry.clientSecret]).toEqual([DEFAULT_REGISTRY_CLIENT.clientId, DEFAULT_REGISTRY_CLIENT.clientSecret]);

    const issued = await env.tokenRequest({ grant_type: 'client_credentials', client_id: registry.clientId, client_secret: registry.clientSecret, scope: registry.scope });
    expect(issued.status).toBe(200);
    expect(issued.headers.get('content-type')).toMatch(/^application\/json/);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    expect(issued.body).toEqual({ access_token: expect.stringMatching(/^\S{40,}$/), token_type: 'Bearer', expires_in: 3600, scope: registry.scope });
    expect((await env.fhir('Appointment', { token: issued.body.access_token })).status).toBe(200);
    expect(registry.knobs.counts()).toMatchObject({ tokenRequests: 1, tokensIssued: 1 });
  });

  it('serves openid-client\'s clientCredentialsGrant (the BFF\'s OAuth library) with Basic and with the secret in the body', async () => {
    const { registry } = env.sandbox;
    for (const auth of [oidc.ClientSecretBasic(registry.clientSecret), oidc.ClientSecretPost(registry.clientSecret)]) {
      const config = new oidc.Configuration({ issuer: `${env.sandbox.origin}/registry`, token_endpoint: registry.tokenUrl }, registry.clientId, undefined, auth);
      oidc.allowInsecureRequests(config);
      const tokens = await oidc.clientCredentialsGrant(config, { scope: registry.scope });
      expect(tokens.token_type).toBe('bearer');
      expect(tokens.expires_in).toBe(3600);
      expect((await env.fhir('Appointment', { token: tokens.access_token })).status).toBe(200);
    }
    // A refused secret: openid-client reports the Basic challenge (RFC 6749 §5.2 requires it) before the body.
    const refusals = [];
    for (const auth of [oidc.ClientSecretBasic('wrong'), oidc.ClientSecretPost('wrong')]) {
      const wrong = new oidc.Configuration({ issuer: `${env.sandbox.origin}/registry`, token_endpoint: registry.tokenUrl }, registry.clientId, undefined, auth);
      oidc.allowInsecureRequests(wrong);
      refusals.push(await oidc.clientCredentialsGrant(wrong, { scope: registry.scope }).then(() => undefined, (error: unknown) => error));
    }
    expect(refusals[0]).toMatchObject({ code: 'OAUTH_WWW_AUTHENTICATE_CHALLENGE', status: 401 });
    expect(refusals[1]).toMatchObject({ code: 'OAUTH_RESPONSE_BODY_ERROR', status: 401, error: 'invalid_client' });
  });

  it('accepts client_secret_basic, with id and secret form-encoded as RFC 6749 §2.3.1 says', async () => {
    const odd = await startRegistryEnv({ registry: { clientId: 'bff client', clientSecrets: ['s3cr:t+%/ä'] } });
    try {
      const { registry } = odd.sandbox;
      const issued = await odd.tokenRequest({ grant_type: 'client_credentials', scope: registry.scope }, { authorization: basic('bff client', 's3cr:t+%/ä') });
      expect(issued.status).toBe(200);
      // client_id in the body too is fine when it is the same client.
      expect((await odd.tokenRequest({ grant_type: 'client_credentials', client_id: 'bff client', scope: registry.scope }, { authorization: basic('bff client', 's3cr:t+%/ä') })).status).toBe(200);
    } finally {
      await odd.close();
    }
  });

  it('accepts every configured secret (rotation) and nothing else', async () => {
    const rotating = await startRegistryEnv({ registry: { clientId: 'bff', clientSecrets: ['new-secret', 'old-secret'], scope: 'api://registry/.default', tokenTtlSeconds: 120 } });
    try {
      const { registry } = rotating.sandbox;
      expect(registry.scope).toBe('api://registry/.default');
      expect(registry.clientSecrets).toEqual(['new-secret', 'old-secret']);
      for (const secret of ['new-secret', 'old-secret']) {
        const issued = await rotating.tokenRequest({ grant_type: 'client_credentials', client_id: 'bff', client_secret: secret, scope: 'api://registry/.default' });
        expect(issued.status, secret).toBe(200);
        expect(issued.body.expires_in).toBe(120);
      }
      const refused = await rotating.tokenRequest({ grant_type: 'client_credentials', client_id: 'bff', client_secret: 'older-secret', scope: 'api://registry/.default' });
      expect([refused.status, refused.body.error]).toEqual([401, 'invalid_client']);
    } finally {
      await rotating.close();
    }
  });

  it('answers every refusal in RFC 6749 §5.2 JSON, never echoing a secret', async () => {
    const { registry } = env.sandbox;
    const good = { grant_type: 'client_credentials', client_id: registry.clientId, client_secret: registry.clientSecret, scope: registry.scope };
    const cases: [string, Record<string, string>, Record<string, string>, number, string][] = [
      ['no grant_type', { ...good, grant_type: '' }, {}, 400, 'invalid_request'],
      ['another grant', { ...good, grant_type: 'password' }, {}, 400, 'unsupported_grant_type'],
      ['a wrong secret', { ...good, client_secret: 'guess-1234' }, {}, 401, 'invalid_client'],
      ['an unknown client', { ...good, client_id: 'someone' }, {}, 401, 'invalid_client'],
      ['no secret', { grant_type: 'client_credentials', client_id: registry.clientId, scope: registry.scope }, {}, 401, 'invalid_client'],
      ['no scope', { ...good, scope: '' }, {}, 400, 'invalid_scope'],
      ['another scope', { ...good, scope: 'https://other.example/.default' }, {}, 400, 'invalid_scope'],
      ['an extra scope', { ...good, scope: `${registry.scope} openid` }, {}, 400, 'invalid_scope'],
      ['Basic and a body secret', good, { authorization: basic(registry.clientId, registry.clientSecret) }, 400, 'invalid_request'],
      ['two client ids', { grant_type: 'client_credentials', client_id: 'other', scope: registry.scope }, { authorization: basic(registry.clientId, registry.clientSecret) }, 400, 'invalid_request'],
    ];
    for (const [name, form, headers, status, error] of cases) {
      const refused = await env.tokenRequest(form, headers);
      expect([refused.status, refused.body?.error], name).toEqual([status, error]);
      expect(refused.body.error_description, name).toEqual(expect.any(String));
      expect(refused.headers.get('cache-control'), name).toBe('no-store');
      expect(JSON.stringify(refused.body), name).not.toContain(registry.clientSecret);
      expect(JSON.stringify(refused.body), name).not.toContain('guess-1234');
      // WWW-Authenticate only where the client tried HTTP Basic.
      expect(refused.headers.get('www-authenticate'), name).toBeNull();
    }
    expect(registry.knobs.counts()).toMatchObject({ tokenRequests: cases.length, tokensIssued: 0 });
  });

  it('challenges a failed or malformed Basic login with WWW-Authenticate', async () => {
    const { registry } = env.sandbox;
    for (const authorization of [basic(registry.clientId, 'wrong'), basic('nobody', registry.clientSecret), 'Basic not*base64', `Basic ${Buffer.from('no-colon').toString('base64')}`, 'Bearer abc']) {
      const refused = await env.tokenRequest({ grant_type: 'client_credentials', scope: registry.scope }, { authorization });
      expect([refused.status, refused.body.error], authorization).toEqual([401, 'invalid_client']);
      expect(refused.headers.get('www-authenticate'), authorization).toMatch(/^Basic realm="registry"/);
    }
  });

  it('refuses what is not one form: JSON, another media type, a repeated parameter, no body', async () => {
    const { registry } = env.sandbox;
    const json = await fetch(registry.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials' }) });
    expect([json.status, ((await json.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
    const xml = await fetch(registry.tokenUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<grant/>' });
    expect([xml.status, ((await xml.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
    const twice = await fetch(registry.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${registry.clientId}&client_secret=${registry.clientSecret}&scope=${encodeURIComponent(registry.scope)}&scope=${encodeURIComponent(registry.scope)}`,
    });
    expect([twice.status, ((await twice.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
    const empty = await fetch(registry.tokenUrl, { method: 'POST' });
    expect([empty.status, ((await empty.json()) as { error: string }).error]).toEqual([400, 'invalid_request']);
  });

  it('expires tokens on the registry clock', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const timed = await startRegistryEnv({ registry: { tokenTtlSeconds: 60, clock: () => now } });
    try {
      const token = await timed.token();
      expect((await timed.fhir('Appointment', { token })).status).toBe(200);
      now += 59_000;
      expect((await timed.fhir('Appointment', { token })).status).toBe(200);
      now += 1_000;
      const expired = await timed.fhir('Appointment', { token });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toBe('Bearer realm="registry", error="invalid_token"');
      expect(expired.body.resourceType).toBe('OperationOutcome');
    } finally {
      await timed.close();
    }
  });

  it('runs on the sandbox\'s systemTokenClock when given no clock of its own', async () => {
    let now = Date.parse('2026-12-01T08:00:00Z');
    const timed = await startRegistryEnv({ systemTokenClock: () => now });
    try {
      const token = await timed.token();
      now += 3_600_000;
      expect((await timed.fhir('Appointment', { token })).status).toBe(401);
    } finally {
      await timed.close();
    }
  });
});
