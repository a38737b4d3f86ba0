/**
 * {@link SandboxOptions} and their defaults.
 * @module
 */
import type { OidcClientConfig } from './oidc/patient-idp.js';
import { resolveRegistryOptions, type RegistryOptions, type ResolvedRegistryOptions } from './registry/registry-options.js';

export interface SandboxOptions {
  /** Default 4010; 0 picks a free port. */
  port?: number;
  /** Listen host. Default 'localhost' (both 127.0.0.1 and ::1). */
  host?: string;
  /** Host written into the issuer and fullUrls. Default 'localhost'. */
  publicHost?: string;
  /** Default 'sandbox-api-key'. */
  apiKey?: string;
  /** Default 'demo'. */
  tenant?: string;
  /** Emit only profile-conformant data (no live-ITB quirks). Default false. */
  strict?: boolean;
  /** A fixed clock for slots and rules (token lifetimes keep real time). */
  now?: () => Date;
  /** Latency added to every upstream call, ms. Default 0. */
  latencyMs?: number;
  /** Default 3600. */
  systemTokenTtlSeconds?: number;
  /** The clock system-token lifetimes run on (epoch ms). Default the real clock; tests move it to expire tokens. */
  systemTokenClock?: () => number;
  /**
   * OIDC clients; default: one BFF client, see {@link DEFAULT_OIDC_CLIENT}. A client with a
   * `backchannelLogoutUri` gets a `logout_token` there when the patient's IdP session ends.
   */
  oidcClients?: OidcClientConfig[];
  /** Patient access-token lifetime. Default 300. */
  accessTokenTtlSeconds?: number;
  /** Fastify request logging. Default false. */
  logger?: boolean;
  /** The appointment registry stand-in under `/registry`: its client, scope and token lifetime. */
  registry?: RegistryOptions;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_API_KEY = 'sandbox-api-key';
export const DEFAULT_TENANT = 'demo';

/**
 * The client registered when no `oidcClients` are given: the BFF on 4020 and behind the demo site on
 * 4030 (the demo proxies to that same BFF). It has no back-channel logout URI: whoever starts the
 * BFF knows whether it serves the route, and a sandbox started alone would POST into the void.
 */
export const DEFAULT_OIDC_CLIENT: OidcClientConfig = {
  clientId: 'itb-bff',
  clientSecret: 'sandbox-client-secret',
  redirectUris: ['http://localhost:4020/auth/callback', 'http://localhost:4030/booking-api/auth/callback'],
  postLogoutRedirectUris: ['http://localhost:4020/*', 'http://localhost:4030/*'],
};

export interface ResolvedOptions {
  readonly port: number;
  readonly host: string;
  readonly publicHost: string;
  readonly apiKey: string;
  readonly tenant: string;
  readonly strict: boolean;
  readonly now: (() => Date) | undefined;
  readonly latencyMs: number;
  readonly systemTokenTtlSeconds: number;
  readonly systemTokenClock: (() => number) | undefined;
  readonly oidcClients: OidcClientConfig[];
  readonly accessTokenTtlSeconds: number;
  readonly logger: boolean;
  readonly registry: ResolvedRegistryOptions;
}

/**
 * A client registered without post-logout URIs may return to the origins of its redirect URIs
 * (Keycloak-style `/*` patterns), so RP-initiated logout works for callers that only know the callback.
 */
function withPostLogoutDefault(client: OidcClientConfig): OidcClientConfig {
  if (client.postLogoutRedirectUris !== undefined) return client;
  const origins = new Set<string>();
  for (const uri of client.redirectUris) {
    if (URL.canParse(uri)) origins.add(`${new URL(uri).origin}/*`);
  }
  return { ...client, postLogoutRedirectUris: [...origins] };
}

/** Apply defaults and reject values that would only fail later and less clearly. */
export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`port must be 0–65535, got ${String(options.port)}`);
  const tenant = options.tenant ?? DEFAULT_TENANT;
  if (!/^[A-Za-z0-9_-]+$/.test(tenant)) throw new Error('tenant may contain letters, digits, - and _ only');
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error('latencyMs must be a non-negative number');
  const ttl = options.systemTokenTtlSeconds ?? 3600;
  if (!Number.isFinite(ttl) || ttl <= 0) throw new Error('systemTokenTtlSeconds must be positive');
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  if (apiKey === '') throw new Error('apiKey must not be empty');
  return {
    port,
    host: options.host ?? 'localhost',
    publicHost: options.publicHost ?? 'localhost',
    apiKey,
    tenant,
    strict: options.strict ?? false,
    now: options.now,
    latencyMs,
    systemTokenTtlSeconds: ttl,
    systemTokenClock: options.systemTokenClock,
    oidcClients: (options.oidcClients ?? [DEFAULT_OIDC_CLIENT]).map(withPostLogoutDefault),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 300,
    logger: options.logger ?? false,
    registry: resolveRegistryOptions(options.registry, options.systemTokenClock),
  };
}
