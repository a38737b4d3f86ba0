/**
 * Every setting the BFF reads: environment name, config key, default and a one-line description.
 * `itb-bff --help`, the README table and config errors all come from this list.
 * @module
 */

/** One documented setting. */
export interface SettingInfo {
  /** The BffConfig key. */
  readonly key: string;
  /** Default as text; `undefined` means required (or "none" when `optional`). */
  readonly fallback?: string;
  readonly optional?: boolean;
  readonly help: string;
}

const DEFAULT_SCOPES = 'openid offline_access wof-profile patient/Patient.read patient/Appointment.read patient/Appointment.write patient/$book.write';

/** All settings, in the order `--help` prints them. */
export const SETTINGS = {
  ITB_BFF_PORT: { key: 'port', fallback: '4020', help: 'TCP port to listen on (0 = any free port)' },
  ITB_BFF_HOST: { key: 'host', fallback: 'localhost', help: 'interface to listen on (0.0.0.0 behind a reverse proxy in a container)' },
  ITB_PUBLIC_URL: { key: 'publicUrl', help: "the BFF's base URL as the browser sees it, e.g. https://clinic.example/booking-api" },
  ITB_UPSTREAM_FHIR_URL: { key: 'upstreamFhirUrl', help: 'ITB FHIR base, e.g. https://api.wellonfhir.se/acme/1.0/R4/fhir (sandbox: http://localhost:4010/demo/1.0/R4/fhir)' },
  ITB_UPSTREAM_TOKEN_URL: { key: 'upstreamTokenUrl', help: 'ITB system-token URL (sandbox: http://localhost:4010/demo/1.0/R4/auth/system-token)' },
  ITB_API_KEY: { key: 'apiKey', help: 'ITB API key (secret; sent only as X-ApiKey to the token URL)' },
  ITB_OIDC_ISSUER: { key: 'oidcIssuer', help: 'OpenID issuer of the patient login (sandbox: http://localhost:4010/oidc)' },
  ITB_OIDC_CLIENT_ID: { key: 'oidcClientId', help: 'OIDC client id (sandbox: itb-bff)' },
  ITB_OIDC_CLIENT_SECRET: { key: 'oidcClientSecret', help: 'OIDC client secret (secret; sandbox: sandbox-client-secret)' },
  ITB_OIDC_REDIRECT_URI: { key: 'oidcRedirectUri', fallback: '${ITB_PUBLIC_URL}/auth/callback', help: 'redirect URI registered at the IdP' },
  ITB_OIDC_SCOPES: { key: 'oidcScopes', fallback: DEFAULT_SCOPES, help: 'space-separated scopes requested at login' },
  ITB_OIDC_IDP_HINT: { key: 'oidcIdpHint', optional: true, help: 'sent as kc_idp_hint to pick an identity provider (e.g. BankID)' },
  ITB_ALLOWED_ORIGINS: { key: 'allowedOrigins', help: 'comma list of origins (scheme://host[:port]) allowed to call with credentials, be redirected to after login and receive the popup postMessage' },
  ITB_SESSION_KEYS: { key: 'sessionKeys', help: 'comma list of base64url 32-byte keys (`openssl rand -base64 32 | tr "+/" "-_" | tr -d =`); the first encrypts, all decrypt' },
  ITB_COOKIE_MODE: { key: 'cookieMode', fallback: 'same-site', help: 'same-site, or cross-site (SameSite=None; Secure; Partitioned) when the widget is embedded on another site' },
  ITB_CAMPAIGNS_FILE: { key: 'campaignsFile', optional: true, help: 'JSON array of campaign definitions (code, tag, validFrom, validTo, clinicIds, message); none = no campaigns' },
  ITB_CATALOG_TTL_SECONDS: { key: 'catalogTtlSeconds', fallback: '60', help: 'how long catalog answers are cached (also served stale for as long again while refreshing)' },
  ITB_FIND_TTL_SECONDS: { key: 'findTtlSeconds', fallback: '10', help: 'how long per-practitioner $find answers are cached (0 = no cache)' },
  ITB_UPSTREAM_TIMEOUT_MS: { key: 'upstreamTimeoutMs', fallback: '8000', help: 'timeout of each upstream request' },
  ITB_REQUEST_DEADLINE_MS: { key: 'requestDeadlineMs', fallback: '10000', help: 'one deadline for a whole browser request, all its upstream calls and retries included; after it the answer is 504 upstream-timeout' },
  ITB_UPSTREAM_MAX_IN_FLIGHT: { key: 'upstreamMaxInFlight', fallback: '64', help: 'upstream calls in flight at once, over all requests (the rest wait their turn within their deadline)' },
  ITB_UPSTREAM_MAX_BODY_BYTES: { key: 'upstreamMaxBodyBytes', fallback: '8388608', help: 'largest upstream answer read; a larger one is a 502 upstream-invalid' },
  ITB_FANOUT_CONCURRENCY: { key: 'fanoutConcurrency', fallback: '16', help: 'parallel upstream $find calls per request when fanning out over practitioners (ITB answers one practitioner per call; 16 covers a clinic\'s practitioners for one treatment in one round trip)' },
  ITB_MAX_FIND_DAYS: { key: 'maxFindDays', fallback: '31', help: 'longest $find window in days' },
  ITB_MAX_FIND_PRACTITIONERS: { key: 'maxFindPractitioners', fallback: 'the most practitioners any one clinic has in the catalog', help: 'most distinct practitionerRole values one $find may name (each is one upstream call)' },
  ITB_RATE_LIMIT_LOGIN_PER_MINUTE: { key: 'rateLimitLoginPerMinute', fallback: '30', help: 'login attempts per client IP per minute' },
  ITB_RATE_LIMIT_BOOK_PER_MINUTE: { key: 'rateLimitBookPerMinute', fallback: '20', help: '$book calls per client IP per minute' },
  ITB_RATE_LIMIT_FIND_PER_MINUTE: { key: 'rateLimitFindPerMinute', fallback: '300', help: '$find calls per client IP per minute' },
  ITB_RATE_LIMIT_CATALOG_PER_MINUTE: { key: 'rateLimitCatalogPerMinute', fallback: '600', help: 'catalog reads ($get-offers-context, clinics, practitioners, treatments) per client IP per minute' },
  ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE: { key: 'rateLimitCampaignPerMinute', fallback: '20', help: 'campaign-code checks per client IP per minute (slows code guessing)' },
  ITB_BODY_LIMIT_BYTES: { key: 'bodyLimitBytes', fallback: '65536', help: 'largest request body accepted' },
  ITB_TRUST_PROXY: { key: 'trustProxy', fallback: 'false', help: 'trust X-Forwarded-* from: true, false, a hop count or a comma list of proxy addresses/CIDRs' },
  ITB_LOG_LEVEL: { key: 'logLevel', fallback: 'info', help: 'fatal, error, warn, info, debug, trace or silent' },
  ITB_AUDIT_SALT: { key: 'auditSalt', fallback: 'derived from the first session key', help: 'salt for hashing personal numbers in audit lines (at least 16 characters)' },
  ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: { key: 'dangerouslyAllowInsecureLoopbackHttp', fallback: 'false', help: 'permit http:// URLs whose host is loopback (localhost, 127.0.0.1, [::1]) for local development; http to any other host is refused even when set' },
} as const satisfies Record<string, SettingInfo>;

/** Names of every environment variable the BFF reads. */
export type EnvName = keyof typeof SETTINGS;

/** The settings as plain text for `--help` (one block per setting). */
export function describeSettings(): string {
  return Object.entries(SETTINGS as Record<string, SettingInfo>).map(([env, s]) => {
    const fallback = s.fallback !== undefined ? `default: ${s.fallback}` : s.optional === true ? 'default: none' : 'required';
    return `  ${env}  (${fallback})\n      ${s.help}`;
  }).join('\n');
}
