/**
 * The registered BFF client from environment variables, for the sandbox CLI. A pure function of
 * the env object it is given: the CLI passes `process.env`, tests pass a literal.
 * @module
 */
import type { OidcClientConfig } from './provider-config.js';

/** The variables read, with the defaults the BFF's own sandbox settings expect. */
export const OIDC_CLIENT_ENV = {
  ITB_SANDBOX_OIDC_CLIENT_ID: 'itb-bff',
  ITB_SANDBOX_OIDC_CLIENT_SECRET: 'sandbox-client-secret',
  /** Comma-separated. */
  ITB_SANDBOX_OIDC_REDIRECT_URIS: 'http://localhost:4020/auth/callback',
  /** Comma-separated; an entry ending in `/*` allows every URI below it (as Keycloak does). */
  ITB_SANDBOX_OIDC_POST_LOGOUT_REDIRECT_URIS: 'http://localhost:4020/*,http://localhost:4030/*',
  /** One URI, e.g. `http://localhost:4020/auth/backchannel-logout`; empty: no back-channel logout. */
  ITB_SANDBOX_OIDC_BACKCHANNEL_LOGOUT_URI: '',
} as const;

function list(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * Read the BFF client's registration. Throws one message naming every bad variable (an empty
 * secret, a redirect or back-channel URI that is not an absolute http(s) URL without a fragment).
 */
export function oidcClientFromEnv(env: Readonly<Record<string, string | undefined>>): OidcClientConfig {
  const read = (name: keyof typeof OIDC_CLIENT_ENV) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? OIDC_CLIENT_ENV[name] : value;
  };
  const client: OidcClientConfig = {
    clientId: read('ITB_SANDBOX_OIDC_CLIENT_ID'),
    clientSecret: read('ITB_SANDBOX_OIDC_CLIENT_SECRET'),
    redirectUris: list(read('ITB_SANDBOX_OIDC_REDIRECT_URIS')),
    postLogoutRedirectUris: list(read('ITB_SANDBOX_OIDC_POST_LOGOUT_REDIRECT_URIS')),
  };
  const backchannelLogoutUri = read('ITB_SANDBOX_OIDC_BACKCHANNEL_LOGOUT_URI');
  if (backchannelLogoutUri !== '') client.backchannelLogoutUri = backchannelLogoutUri;
  const problems: string[] = [];
  const badUri = (uri: string) => {
    if (uri.includes('*') && !(uri.endsWith('/*') && uri.indexOf('*') === uri.length - 1)) return true;
    try {
      const url = new URL(uri);
      return (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hash !== '';
    } catch {
      return true;
    }
  };
  if (client.redirectUris.length === 0 || client.redirectUris.some(badUri)) problems.push('ITB_SANDBOX_OIDC_REDIRECT_URIS');
  if ((client.postLogoutRedirectUris ?? []).some(badUri)) problems.push('ITB_SANDBOX_OIDC_POST_LOGOUT_REDIRECT_URIS');
  if (client.backchannelLogoutUri !== undefined && (client.backchannelLogoutUri.includes('*') || badUri(client.backchannelLogoutUri))) {
    problems.push('ITB_SANDBOX_OIDC_BACKCHANNEL_LOGOUT_URI');
  }
  if (problems.length > 0) {
    throw new Error(`Invalid OpenID client settings: ${problems.join(', ')} must hold absolute http(s) URLs without a fragment (redirect and post-logout URIs comma-separated, post-logout entries may end in /*).`);
  }
  return client;
}
