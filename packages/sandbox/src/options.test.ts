import { describe, expect, it } from 'vitest';
import { DEFAULT_OIDC_CLIENT, resolveOptions } from './options.js';

describe('sandbox options', () => {
  it('defaults to port 4010, tenant demo, the sandbox API key and the BFF client', () => {
    const options = resolveOptions({});
    expect(options).toMatchObject({ port: 4010, host: 'localhost', publicHost: 'localhost', tenant: 'demo', apiKey: 'sandbox-api-key', strict: false, latencyMs: 0, systemTokenTtlSeconds: 3600, accessTokenTtlSeconds: 300 });
    expect(options.oidcClients).toEqual([DEFAULT_OIDC_CLIENT]);
    expect(DEFAULT_OIDC_CLIENT).toMatchObject({ clientId: 'itb-bff', clientSecret: 'sandbox-client-secret' });
  });

  it('lets a client without post-logout URIs return to the origins of its redirect URIs', () => {
    const [client] = resolveOptions({ oidcClients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['http://localhost:4030/booking-api/auth/callback', 'http://127.0.0.1:4030/x'] }] }).oidcClients;
    expect(client?.postLogoutRedirectUris).toEqual(['http://localhost:4030/*', 'http://127.0.0.1:4030/*']);
    const [explicit] = resolveOptions({ oidcClients: [{ clientId: 'c', clientSecret: 's', redirectUris: ['http://a.test/cb'], postLogoutRedirectUris: [] }] }).oidcClients;
    expect(explicit?.postLogoutRedirectUris).toEqual([]);
  });

  it.each([
    [{ port: 70_000 }, /port/],
    [{ port: 1.5 }, /port/],
    [{ tenant: 'a/b' }, /tenant/],
    [{ latencyMs: -1 }, /latencyMs/],
    [{ systemTokenTtlSeconds: 0 }, /systemTokenTtlSeconds/],
    [{ apiKey: '' }, /apiKey/],
  ])('refuses %o', (options, message) => {
    expect(() => resolveOptions(options)).toThrow(message);
  });
});
