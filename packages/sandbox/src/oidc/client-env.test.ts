import { describe, expect, it } from 'vitest';
import { oidcClientFromEnv } from './client-env.js';

describe('oidcClientFromEnv', () => {
  it('defaults to the client the BFF expects against the sandbox', () => {
    expect(oidcClientFromEnv({})).toEqual({
      clientId: 'itb-bff',
      clientSecret: 'sandbox-client-secret',
      redirectUris: ['http://localhost:4020/auth/callback'],
      postLogoutRedirectUris: ['http://localhost:4020/*', 'http://localhost:4030/*'],
    });
  });

  it('reads every variable and splits lists', () => {
    const client = oidcClientFromEnv({
      ITB_SANDBOX_OIDC_CLIENT_ID: 'clinic-bff',
      ITB_SANDBOX_OIDC_CLIENT_SECRET: 's3cret',
      ITB_SANDBOX_OIDC_REDIRECT_URIS: 'https://a.example/cb, http://localhost:9/cb',
      ITB_SANDBOX_OIDC_POST_LOGOUT_REDIRECT_URIS: 'https://a.example/',
    });
    expect(client).toEqual({ clientId: 'clinic-bff', clientSecret: 's3cret', redirectUris: ['https://a.example/cb', 'http://localhost:9/cb'], postLogoutRedirectUris: ['https://a.example/'] });
  });

  it('registers a back-channel logout URI only when one is given', () => {
    expect(oidcClientFromEnv({})).not.toHaveProperty('backchannelLogoutUri');
    expect(oidcClientFromEnv({ ITB_SANDBOX_OIDC_BACKCHANNEL_LOGOUT_URI: ' http://localhost:4020/auth/backchannel-logout ' }).backchannelLogoutUri)
      .toBe('http://localhost:4020/auth/backchannel-logout');
    for (const bad of ['http://localhost:4020/*', 'localhost:4020/logout', 'https://a.example/logout#x']) {
      expect(() => oidcClientFromEnv({ ITB_SANDBOX_OIDC_BACKCHANNEL_LOGOUT_URI: bad })).toThrow(/ITB_SANDBOX_OIDC_BACKCHANNEL_LOGOUT_URI/);
    }
  });

  it('names every bad variable at once and never echoes the values', () => {
    expect(() => oidcClientFromEnv({ ITB_SANDBOX_OIDC_POST_LOGOUT_REDIRECT_URIS: 'https://a.example*' })).toThrow(/POST_LOGOUT/);
    expect(() => oidcClientFromEnv({ ITB_SANDBOX_OIDC_REDIRECT_URIS: 'not a url', ITB_SANDBOX_OIDC_POST_LOGOUT_REDIRECT_URIS: 'https://a.example/#x' }))
      .toThrow(/ITB_SANDBOX_OIDC_REDIRECT_URIS, ITB_SANDBOX_OIDC_POST_LOGOUT_REDIRECT_URIS/);
    let message = '';
    try {
      oidcClientFromEnv({ ITB_SANDBOX_OIDC_REDIRECT_URIS: 'javascript:alert(1)' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('ITB_SANDBOX_OIDC_REDIRECT_URIS');
    expect(message).not.toContain('alert');
  });
});
