/**
 * Every setting the BFF reads, declared once: environment name, config key, zod schema (type,
 * bounds, default) and a one-line description. `BffConfig`'s fields, the defaults, `itb-bff --help`,
 * the README's settings table (checked by a test) and the config errors all come from this list.
 * @module
 */
import { z } from 'zod';

/** One setting. `defaultText` describes a default computed at start-up (otherwise it is read off the schema). */
export interface Setting<K extends string = string, S extends z.ZodType = z.ZodType> {
  readonly key: K;
  readonly schema: S;
  readonly help: string;
  readonly defaultText?: string;
}

function setting<K extends string, S extends z.ZodType>(key: K, schema: S, help: string, defaultText?: string): Setting<K, S> {
  return defaultText === undefined ? { key, schema, help } : { key, schema, help, defaultText };
}

const int = (min: number, max: number) => z.coerce.number().int(`must be a whole number between ${min} and ${max}`)
  .min(min, `must be a whole number between ${min} and ${max}`).max(max, `must be a whole number between ${min} and ${max}`);
const bool = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'], error: 'must be true or false' });
const text = z.string().min(1);
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''));
const withoutTrailingSlash = (value: string) => (value.endsWith('/') ? value.slice(0, -1) : value);
const url = z.url().transform(withoutTrailingSlash);
const SESSION_KEY = /^[A-Za-z0-9_-]{43}$/;

/** `ITB_TRUST_PROXY` as Fastify's `trustProxy` takes it: a boolean, a hop count or an address list. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/** All settings, in the order `--help` and the README print them. */
export const SETTINGS = {
  ITB_BFF_PORT: setting('port', int(0, 65535).default(4020), 'TCP port to listen on (0 = any free port)'),
  ITB_BFF_HOST: setting('host', text.default('localhost'), 'interface to listen on (0.0.0.0 behind a reverse proxy in a container)'),
  ITB_PUBLIC_URL: setting('publicUrl', url, "the BFF's base URL as the browser sees it, e.g. https://clinic.example/booking-api"),
  ITB_UPSTREAM_FHIR_URL: setting('upstreamFhirUrl', url, 'ITB FHIR base, e.g. https://api.wellonfhir.se/acme/1.0/R4/fhir (sandbox: http://localhost:4010/demo/1.0/R4/fhir)'),
  ITB_UPSTREAM_TOKEN_URL: setting('upstreamTokenUrl', z.url(), 'ITB system-token URL (sandbox: http://localhost:4010/demo/1.0/R4/auth/system-token)'),
  ITB_API_KEY: setting('apiKey', text, 'ITB API key (secret; sent only as X-ApiKey to the token URL)'),
  ITB_OIDC_ISSUER: setting('oidcIssuer', z.url(), 'OpenID issuer of the patient login (sandbox: http://localhost:4010/oidc)'),
  ITB_OIDC_CLIENT_ID: setting('oidcClientId', text, 'OIDC client id (sandbox: itb-bff)'),
  ITB_OIDC_CLIENT_SECRET: setting('oidcClientSecret', text, 'OIDC client secret (secret; sandbox: sandbox-client-secret)'),
  ITB_OIDC_REDIRECT_URI: setting('oidcRedirectUri', z.url().optional(), 'redirect URI registered at the IdP', '${ITB_PUBLIC_URL}/auth/callback'),
  ITB_OIDC_SCOPES: setting('oidcScopes', text.default('openid offline_access wof-profile patient/Patient.read patient/Appointment.read patient/Appointment.write patient/$book.write'), 'space-separated scopes requested at login'),
  ITB_OIDC_IDP_HINT: setting('oidcIdpHint', text.optional(), 'sent as kc_idp_hint to pick an identity provider (e.g. BankID)'),
  ITB_ALLOWED_ORIGINS: setting('allowedOrigins', list.pipe(z.array(z.string()).min(1, 'must list at least one origin')), 'comma list of origins (scheme://host[:port]) allowed to call with credentials, be redirected to after login and receive the popup postMessage'),
  ITB_SESSION_KEYS: setting('sessionKeys', list.pipe(z.array(z.string().regex(SESSION_KEY, 'each key must be base64url of exactly 32 bytes (43 characters)')).min(1, 'must list at least one key')), 'comma list of base64url 32-byte keys (`openssl rand -base64 32 | tr "+/" "-_" | tr -d =`); the first encrypts, all decrypt'),
  ITB_COOKIE_MODE: setting('cookieMode', z.enum(['same-site', 'cross-site'], { error: 'must be same-site or cross-site' }).default('same-site'), 'same-site, or cross-site (SameSite=None; Secure; Partitioned) when the widget is embedded on another site'),
  ITB_CAMPAIGNS_FILE: setting('campaignsFile', text.optional(), 'JSON array of campaign definitions (code, tag, validFrom, validTo, clinicIds, message); none = no campaigns'),
  ITB_REDIS_URL: setting('redisUrl', z.url().refine((value) => /^rediss?:$/.test(new URL(value).protocol), 'must be a redis:// or rediss:// URL').optional(), 'Redis 6.2+ / Valkey that several BFF instances share (redis:// or rediss://, a password in the URL): rate limits, idempotency, session revocation, the refresh lock and the catalog cache; none = in-memory state for one instance'),
  ITB_REDIS_KEY_PREFIX: setting('redisKeyPrefix', z.string().regex(/^[\w:.-]{1,64}$/, 'must be 1-64 letters, digits, _ : . or -').default('itb-bff:'), 'prefix of every Redis key this BFF writes (separates deployments that share one Redis)'),
  ITB_CATALOG_TTL_SECONDS: setting('catalogTtlSeconds', int(0, 86_400).default(60), 'how long catalog answers are cached (also served stale for as long again while refreshing)'),
  ITB_FIND_TTL_SECONDS: setting('findTtlSeconds', int(0, 3_600).default(10), 'how long per-practitioner $find answers are cached (0 = no cache)'),
  ITB_UPSTREAM_TIMEOUT_MS: setting('upstreamTimeoutMs', int(100, 120_000).default(8000), 'timeout of each upstream request, its retries included'),
  ITB_REQUEST_DEADLINE_MS: setting('requestDeadlineMs', int(500, 300_000).default(10_000), 'one deadline for a whole browser request, all its upstream calls included; after it the answer is 504 upstream-timeout'),
  ITB_UPSTREAM_MAX_IN_FLIGHT: setting('upstreamMaxInFlight', int(1, 10_000).default(64), 'upstream calls in flight at once over all requests (the rest wait their turn within their deadline)'),
  ITB_UPSTREAM_MAX_BODY_BYTES: setting('upstreamMaxBodyBytes', int(65_536, 1_073_741_824).default(8_388_608), 'largest upstream answer read; a larger one is a 502 upstream-invalid'),
  // ITB answers one practitioner per $find and a clinic rarely has more than ~15 practitioners for
  // one treatment: 16 lets "any practitioner" finish in one upstream round trip instead of two waves.
  ITB_FANOUT_CONCURRENCY: setting('fanoutConcurrency', int(1, 64).default(16), "parallel upstream $find calls per request when fanning out over practitioners (ITB answers one practitioner per call)"),
  ITB_MAX_FIND_DAYS: setting('maxFindDays', int(1, 366).default(31), 'longest $find window in days'),
  ITB_MAX_FIND_PRACTITIONERS: setting('maxFindPractitioners', int(1, 50).optional(), 'most distinct practitionerRole values one $find may name (each is one upstream call)', 'the most practitioners any one clinic has in the catalog'),
  ITB_RATE_LIMIT_LOGIN_PER_MINUTE: setting('rateLimitLoginPerMinute', int(1, 100_000).default(30), 'login attempts per client IP per minute'),
  ITB_RATE_LIMIT_BOOK_PER_MINUTE: setting('rateLimitBookPerMinute', int(1, 100_000).default(20), '$book calls per client IP per minute'),
  ITB_RATE_LIMIT_FIND_PER_MINUTE: setting('rateLimitFindPerMinute', int(1, 1_000_000).default(300), '$find calls per client IP per minute'),
  ITB_RATE_LIMIT_CATALOG_PER_MINUTE: setting('rateLimitCatalogPerMinute', int(1, 1_000_000).default(600), 'catalog reads ($get-offers-context, clinics, practitioners, treatments) per client IP per minute'),
  ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE: setting('rateLimitCampaignPerMinute', int(1, 1_000_000).default(20), 'campaign-code checks per client IP per minute (slows code guessing)'),
  ITB_BODY_LIMIT_BYTES: setting('bodyLimitBytes', int(1024, 10_485_760).default(65_536), 'largest request body accepted'),
  ITB_TRUST_PROXY: setting('trustProxy', z.string().regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a hop count or a comma list of addresses/CIDRs').default('false').transform(trustProxy), 'trust X-Forwarded-* from: true, false, a hop count or a comma list of proxy addresses/CIDRs'),
  ITB_REGISTRY_URL: setting('registryUrl', url.optional(), 'FHIR base of the appointment registry: each booking is published there as a pointer Appointment (create, update, cancel); none = no registry publishing'),
  ITB_REGISTRY_TOKEN_URL: setting('registryTokenUrl', z.url().optional(), "the registry's OAuth 2.0 token URL (client credentials); required with ITB_REGISTRY_URL"),
  ITB_REGISTRY_CLIENT_ID: setting('registryClientId', text.optional(), "the BFF's client id at the registry's token URL; required with ITB_REGISTRY_URL"),
  ITB_REGISTRY_CLIENT_SECRET: setting('registryClientSecrets', list.pipe(z.array(z.string()).min(1, 'must list at least one secret')).optional(), 'comma list of client secrets (secret): the first is used, the next ones in turn when the token URL refuses it (rotation); required with ITB_REGISTRY_URL'),
  ITB_REGISTRY_SCOPE: setting('registryScope', text.optional(), 'scope asked for at the token URL', '${ITB_REGISTRY_URL}/.default'),
  ITB_WEBHOOKS: setting('webhooks', text.optional(), 'comma list of webhook endpoints, each `URL SECRET` (a Standard Webhooks secret, `whsec_` + base64; several secrets after the URL sign with each, for rotation): booking.created, booking.rescheduled and booking.cancelled are POSTed there, signed; none = no webhooks'),
  ITB_EVENTS_RETRY_FIRST_MS: setting('eventsRetryFirstMs', int(10, 3_600_000).default(10_000), 'wait before the first retry of a failed webhook or registry delivery; each next wait doubles'),
  ITB_EVENTS_RETRY_MAX_MS: setting('eventsRetryMaxMs', int(10, 86_400_000).default(3_600_000), 'longest wait between two tries of a delivery'),
  ITB_EVENTS_RETRY_FOR_SECONDS: setting('eventsRetryForSeconds', int(1, 2_592_000).default(86_400), 'how long a delivery is retried before it goes to the dead-letter list (at least this long)'),
  ITB_EVENTS_TIMEOUT_MS: setting('eventsTimeoutMs', int(100, 120_000).default(10_000), 'timeout of one webhook POST or registry request'),
  ITB_METRICS_PORT: setting('metricsPort', int(0, 65535).optional(), 'port of the Prometheus /metrics listener, apart from the API port (0 = any free port); none = no metrics listener'),
  ITB_METRICS_HOST: setting('metricsHost', text.optional(), 'interface the metrics listener binds to', 'ITB_BFF_HOST'),
  ITB_LOG_LEVEL: setting('logLevel', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'), 'fatal, error, warn, info, debug, trace or silent'),
  ITB_AUDIT_SALT: setting('auditSalt', z.string().min(16, 'must be at least 16 characters').optional(), 'salt for hashing personal numbers in audit lines (at least 16 characters)', 'derived from the first session key'),
  ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: setting('dangerouslyAllowInsecureLoopbackHttp', bool.default(false), 'permit http:// URLs whose host is loopback (localhost, 127.0.0.1, [::1]) for local development; http to any other host is refused even when set'),
} as const;

/** Names of every environment variable the BFF reads. */
export type EnvName = keyof typeof SETTINGS;

/** Each setting's parsed value under its config key (before start-up checks fill computed defaults). */
export type ParsedSettings = {
  readonly [N in EnvName as (typeof SETTINGS)[N]['key']]: z.output<(typeof SETTINGS)[N]['schema']>;
};

/** The zod schema of the whole environment. */
export const ENV_SCHEMA = z.object(Object.fromEntries(Object.entries(SETTINGS).map(([name, s]) => [name, s.schema])) as {
  [N in EnvName]: (typeof SETTINGS)[N]['schema'];
});

/** A setting's default as people read it: computed text, the schema's default, "none" or "required". */
export function defaultOf(s: Setting): string {
  if (s.defaultText !== undefined) return s.defaultText;
  // A default sits at the outside of the schema, or just inside a final transform.
  for (let inner: z.ZodType | undefined = s.schema; inner !== undefined;) {
    const def = inner.def as { type: string; defaultValue?: unknown; in?: z.ZodType; innerType?: z.ZodType };
    if (def.type === 'default') return String(typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue);
    inner = def.type === 'pipe' ? def.in : undefined;
  }
  return s.schema.safeParse(undefined).success ? 'none' : 'required';
}

const all = (): [EnvName, Setting][] => Object.entries(SETTINGS) as [EnvName, Setting][];

/** The settings as plain text for `--help` (one block per setting). */
export function describeSettings(): string {
  return all().map(([env, s]) => {
    const fallback = defaultOf(s);
    return `  ${env}  (${fallback === 'required' ? 'required' : `default: ${fallback}`})\n      ${s.help}`;
  }).join('\n');
}

/** The settings as the README's Markdown table (the README holds exactly this; a test checks it). */
export function settingsTable(): string {
  const cell = (value: string) => value.replaceAll('|', '\\|');
  const rows = all().map(([env, s]) => {
    const fallback = defaultOf(s);
    // Schema defaults are values (code); computed defaults, "none" and "required" are prose.
    const shown = s.defaultText !== undefined || fallback === 'required' || fallback === 'none' ? cell(fallback) : `\`${cell(fallback)}\``;
    return `| \`${env}\` | ${shown} | ${cell(s.help)} |`;
  });
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
