/**
 * The oidc-provider configuration of the sandbox's patient IdP: what ITB's Keycloak offers a
 * booking client (spec §3.3–3.4), in the shape oidc-provider wants.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Configuration, ClientMetadata } from 'oidc-provider';
import { claimsOf, WOF_PROFILE_CLAIMS, type AccountDirectory } from './accounts.js';
import { fetchAllowingLoopback } from './loopback-fetch.js';
import { createMemoryAdapterFactory } from './memory-adapter.js';
import { logoutSource, postLogoutSuccessSource, renderError } from './provider-pages.js';
import { generateSigningJwk } from './signing-key.js';
import { withStoreLatency } from './store-latency.js';

/** A registered confidential client (the BFF). */
export interface OidcClientConfig {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  /**
   * Where the IdP POSTs a `logout_token` when the patient's IdP session ends (OIDC Back-Channel
   * Logout 1.0). Absent: no back-channel call, and no `sid` in the client's ID tokens.
   */
  backchannelLogoutUri?: string;
}

/** Every scope of spec §3.4, plus `offline_access`. */
export const SUPPORTED_SCOPES = [
  'openid',
  'offline_access',
  'wof-profile',
  'PortalAccess',
  'patient/Patient.read',
  'patient/Appointment.read',
  'patient/Appointment.write',
  'patient/$book.write',
  'system/Organization.read',
  'system/HealthcareService.read',
  'system/PractitionerRole.read',
  'system/ActivityDefinition.read',
  'system/$find.read',
  'system/$get-offers-context.read',
] as const;

export interface ProviderConfigOptions {
  readonly clients: readonly OidcClientConfig[];
  readonly accounts: AccountDirectory;
  readonly accessTokenTtlSeconds: number;
  /** `/oidc`: the interaction pages live below it. */
  readonly mountPath: string;
  /** Added to every storage call (see withStoreLatency); 0 in normal use. */
  readonly storeLatencyMs?: number;
}

function clientMetadata(client: OidcClientConfig): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...(client.postLogoutRedirectUris ?? [])],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    // Either works: oidc-provider accepts both secret methods for a secret-based client.
    token_endpoint_auth_method: 'client_secret_basic',
    application_type: 'web',
    // session_required puts `sid` into ID and logout tokens, so the client can end exactly the
    // session the IdP ended (oidc-provider adds `sid` only for such clients: Client#includeSid).
    ...(client.backchannelLogoutUri === undefined
      ? {}
      : { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true }),
  };
}

/** Build the configuration; every call makes fresh keys, cookie secrets and storage. */
export function buildProviderConfiguration(options: ProviderConfigOptions): Configuration {
  const { accounts } = options;
  return {
    adapter: withStoreLatency(createMemoryAdapterFactory(), options.storeLatencyMs ?? 0),
    clients: options.clients.map(clientMetadata),
    jwks: { keys: [generateSigningJwk()] },
    cookies: {
      // Cookies ignore ports, and sandbox, BFF and demo all run on `localhost`: names of our own
      // keep the IdP's cookies from colliding with anyone's `_session`.
      names: { session: 'itb_idp_session', interaction: 'itb_idp_interaction', resume: 'itb_idp_resume' },
      keys: [randomBytes(32).toString('base64url')],
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    scopes: [...SUPPORTED_SCOPES],
    claims: { openid: ['sub'], 'wof-profile': [...WOF_PROFILE_CLAIMS] },
    // ITB puts the profile claims into the ID token (spec §3.5 "a claim in the token"), and the BFF
    // reads the patient from it without a userinfo round trip.
    conformIdTokenClaims: false,
    async findAccount(_ctx, subject) {
      const person = accounts.personOf(subject);
      if (person === undefined) return undefined;
      return { accountId: subject, claims: () => claimsOf(person) };
    },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    // Refresh tokens go to every client allowed the grant, without `offline_access`: that scope only
    // survives with prompt=consent, and the BFF keeps the session alive by refreshing.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Every refresh rotates, and a used refresh token presented again revokes the whole grant, as
    // production IdPs do. The default rotates only after 70 % of the token's life, so a client that
    // refreshes twice with one token would go unnoticed here and be logged out in production.
    rotateRefreshToken: true,
    ttl: {
      AccessToken: options.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 86_400,
      Interaction: 600,
      Session: 86_400,
      Grant: 86_400,
    },
    interactions: {
      url: (_ctx, interaction) => `${options.mountPath}/interaction/${interaction.uid}`,
    },
    // Back-channel logout POSTs go to BFFs on localhost, which oidc-provider's SSRF guard refuses.
    fetch: fetchAllowingLoopback,
    features: {
      backchannelLogout: { enabled: true },
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
    },
    renderError,
  };
}
