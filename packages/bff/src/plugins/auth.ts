/**
 * The patient-login relying party (openid-client v6, functional API): discovery of the IdP,
 * token refresh and the end-session URL. Discovery happens lazily on first use, single-flight,
 * and is retried on the next use after a failure, so the BFF can start before the IdP is up.
 * @module
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import * as client from 'openid-client';
import { isLoopbackHost } from '../config.js';
import { OutcomeError } from '../errors.js';

/** What the BFF keeps of a token endpoint answer. */
export interface TokenSet {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly idToken: string | undefined;
  /** Epoch seconds when the access token expires. */
  readonly expiresAt: number;
  /** ID-token claims, when an ID token came with the answer. */
  readonly claims: Readonly<Record<string, unknown>> | undefined;
}

/** The relying party of one BFF instance. */
export interface OidcClient {
  /** The discovered configuration (discovers on first call; rejects with 'upstream-unavailable'). */
  configuration(): Promise<client.Configuration>;
  /**
   * Refresh with `refreshToken`. Concurrent calls for the same token share one grant, and the result
   * is remembered briefly: a browser firing several requests with the same old cookie must not
   * trip refresh-token rotation at the IdP.
   */
  refresh(refreshToken: string, previousIdToken: string | undefined): Promise<TokenSet>;
  /** Turn a token endpoint answer into a {@link TokenSet}. */
  toTokenSet(response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, previousIdToken?: string): TokenSet;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The OIDC relying party (patient login). */
    oidc: OidcClient;
  }
}

/** How long a refresh result is reused for requests still carrying the old cookie. */
const REFRESH_REUSE_MS = 30_000;
/** Upper bound on remembered refreshes (one per active patient for 30 s at most). */
const REFRESH_MEMORY = 10_000;

function tokenKey(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('base64url');
}

export const oidcPlugin = fp(async (app: FastifyInstance) => {
  const config = app.config;
  const issuer = new URL(config.oidcIssuer);
  // Plain http only by the loudly named switch, and only to a loopback issuer (config.ts refuses the rest too).
  const insecure = config.dangerouslyAllowInsecureLoopbackHttp && issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname);
  let pending: Promise<client.Configuration> | undefined;
  const refreshes = new Map<string, { promise: Promise<TokenSet>; until: number }>();

  async function discover(): Promise<client.Configuration> {
    // client_secret_basic: the default of both Keycloak and oidc-provider clients.
    return client.discovery(issuer, config.oidcClientId, config.oidcClientSecret, client.ClientSecretBasic(config.oidcClientSecret), {
      timeout: Math.max(1, Math.ceil(config.upstreamTimeoutMs / 1000)),
      ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
    });
  }

  function configuration(): Promise<client.Configuration> {
    if (pending === undefined) {
      pending = discover().catch((cause: unknown) => {
        // Forget the failure so the next request tries again (the IdP may simply not be up yet).
        pending = undefined;
        throw new OutcomeError('upstream-unavailable', 'The sign-in service is unavailable; try again shortly.', { cause });
      });
    }
    return pending;
  }

  function toTokenSet(response: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, previousIdToken?: string): TokenSet {
    const expiresIn = response.expiresIn() ?? 300;
    const claims = response.claims();
    return {
      accessToken: response.access_token,
      refreshToken: response.refresh_token,
      idToken: response.id_token ?? previousIdToken,
      expiresAt: Math.floor(app.now().getTime() / 1000) + expiresIn,
      claims: claims === undefined ? undefined : { ...claims },
    };
  }

  async function refresh(refreshToken: string, previousIdToken: string | undefined): Promise<TokenSet> {
    const key = tokenKey(refreshToken);
    const nowMs = Date.now();
    const known = refreshes.get(key);
    if (known !== undefined && known.until > nowMs) return known.promise;
    for (const [k, entry] of refreshes) if (entry.until <= nowMs) refreshes.delete(k);
    if (refreshes.size >= REFRESH_MEMORY) refreshes.delete(refreshes.keys().next().value as string);
    const promise = (async () => {
      const rp = await configuration();
      const response = await client.refreshTokenGrant(rp, refreshToken);
      return toTokenSet(response, previousIdToken);
    })();
    refreshes.set(key, { promise, until: nowMs + REFRESH_REUSE_MS });
    // A failed refresh is not remembered: the caller clears the session anyway.
    promise.catch(() => refreshes.delete(key));
    return promise;
  }

  app.decorate('oidc', { configuration, refresh, toTokenSet } satisfies OidcClient);
}, { fastify: '5.x', name: 'itb-oidc' });
