/**
 * The BFF's whole configuration: one zod schema over the environment, parsed once at start-up.
 * Nothing else reads `process.env`. A bad configuration stops start-up with one message naming
 * every wrong or missing key (values are never echoed: some of them are secrets).
 * @module
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { CampaignDefinition } from '@itb/shared';
import { readCampaignFile } from './campaign-file.js';
import { SETTINGS, type EnvName } from './config-settings.js';

/** The validated configuration (camelCase keys; see SETTINGS / `itb-bff --help` for each one). */
export interface BffConfig {
  readonly port: number;
  readonly host: string;
  /** The BFF's base URL as the browser sees it, without trailing slash. */
  readonly publicUrl: string;
  readonly upstreamFhirUrl: string;
  readonly upstreamTokenUrl: string;
  readonly apiKey: string;
  readonly oidcIssuer: string;
  readonly oidcClientId: string;
  readonly oidcClientSecret: string;
  readonly oidcRedirectUri: string;
  /** Space-separated scopes. */
  readonly oidcScopes: string;
  readonly oidcIdpHint: string | undefined;
  /** Origins (`scheme://host[:port]`) allowed to call with credentials, receive redirects and postMessages. */
  readonly allowedOrigins: readonly string[];
  /** base64url-encoded 32-byte keys; the first encrypts, all decrypt. */
  readonly sessionKeys: readonly string[];
  readonly cookieMode: 'same-site' | 'cross-site';
  readonly campaignsFile: string | undefined;
  /** The campaign file's contents, validated (empty when no file is configured). */
  readonly campaigns: readonly CampaignDefinition[];
  readonly catalogTtlSeconds: number;
  readonly findTtlSeconds: number;
  readonly upstreamTimeoutMs: number;
  readonly requestDeadlineMs: number;
  readonly upstreamMaxInFlight: number;
  readonly upstreamMaxBodyBytes: number;
  readonly fanoutConcurrency: number;
  readonly maxFindDays: number;
  /** Undefined: the largest clinic's practitioner count in the system catalog. */
  readonly maxFindPractitioners: number | undefined;
  readonly rateLimitLoginPerMinute: number;
  readonly rateLimitBookPerMinute: number;
  readonly rateLimitFindPerMinute: number;
  readonly rateLimitCatalogPerMinute: number;
  readonly rateLimitCampaignPerMinute: number;
  readonly bodyLimitBytes: number;
  /** Fastify `trustProxy`: false, true, a hop count, or a comma list of addresses/CIDRs. */
  readonly trustProxy: boolean | number | string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly auditSalt: string;
  readonly dangerouslyAllowInsecureLoopbackHttp: boolean;
}

/** Thrown by {@link parseConfig}; `problems` has one line per wrong or missing key. */
export class ConfigError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Invalid BFF configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}\nRun \`itb-bff --help\` for every setting.`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const int = (min: number, max: number) => z.coerce.number().int(`must be a whole number between ${min} and ${max}`)
  .min(min, `must be a whole number between ${min} and ${max}`).max(max, `must be a whole number between ${min} and ${max}`);
const bool = z.stringbool({ truthy: ['true', '1', 'yes', 'on'], falsy: ['false', '0', 'no', 'off'], error: 'must be true or false' });
const text = z.string().min(1);
const list = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''));
const sessionKey = /^[A-Za-z0-9_-]{43}$/;

const envSchema = z.object({
  ITB_BFF_PORT: int(0, 65535).default(4020),
  ITB_BFF_HOST: text.default('localhost'),
  ITB_PUBLIC_URL: z.url(),
  ITB_UPSTREAM_FHIR_URL: z.url(),
  ITB_UPSTREAM_TOKEN_URL: z.url(),
  ITB_API_KEY: text,
  ITB_OIDC_ISSUER: z.url(),
  ITB_OIDC_CLIENT_ID: text,
  ITB_OIDC_CLIENT_SECRET: text,
  ITB_OIDC_REDIRECT_URI: z.url().optional(),
  ITB_OIDC_SCOPES: text.default(SETTINGS.ITB_OIDC_SCOPES.fallback ?? 'openid'),
  ITB_OIDC_IDP_HINT: text.optional(),
  ITB_ALLOWED_ORIGINS: list.pipe(z.array(z.string()).min(1, 'must list at least one origin')),
  ITB_SESSION_KEYS: list.pipe(z.array(z.string().regex(sessionKey, 'each key must be base64url of exactly 32 bytes (43 characters)')).min(1, 'must list at least one key')),
  ITB_COOKIE_MODE: z.enum(['same-site', 'cross-site'], { error: 'must be same-site or cross-site' }).default('same-site'),
  ITB_CAMPAIGNS_FILE: text.optional(),
  ITB_CATALOG_TTL_SECONDS: int(0, 86_400).default(60),
  ITB_FIND_TTL_SECONDS: int(0, 3_600).default(10),
  ITB_UPSTREAM_TIMEOUT_MS: int(100, 120_000).default(8000),
  ITB_REQUEST_DEADLINE_MS: int(500, 300_000).default(10_000),
  ITB_UPSTREAM_MAX_IN_FLIGHT: int(1, 10_000).default(64),
  ITB_UPSTREAM_MAX_BODY_BYTES: int(65_536, 1_073_741_824).default(8_388_608),
  // ITB answers one practitioner per $find, a clinic rarely has more than ~15 practitioners for one
  // treatment, and one browser request can still start at most this many calls: 16 lets "any
  // practitioner" finish in one upstream round trip instead of two waves.
  ITB_FANOUT_CONCURRENCY: int(1, 64).default(16),
  ITB_MAX_FIND_DAYS: int(1, 366).default(31),
  ITB_MAX_FIND_PRACTITIONERS: int(1, 50).optional(),
  ITB_RATE_LIMIT_LOGIN_PER_MINUTE: int(1, 100_000).default(30),
  ITB_RATE_LIMIT_BOOK_PER_MINUTE: int(1, 100_000).default(20),
  ITB_RATE_LIMIT_FIND_PER_MINUTE: int(1, 1_000_000).default(300),
  ITB_RATE_LIMIT_CATALOG_PER_MINUTE: int(1, 1_000_000).default(600),
  ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE: int(1, 1_000_000).default(20),
  ITB_BODY_LIMIT_BYTES: int(1024, 10_485_760).default(65_536),
  ITB_TRUST_PROXY: z.string().regex(/^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,\s*[0-9a-fA-F.:/]+)*)$/, 'must be true, false, a hop count or a comma list of addresses/CIDRs').default('false'),
  ITB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  ITB_AUDIT_SALT: z.string().min(16, 'must be at least 16 characters').optional(),
  ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: bool.default(false),
} satisfies Record<EnvName, z.ZodType>);

/** localhost, *.localhost, 127.0.0.0/8 and [::1]: the only hosts plain http may reach. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

function checkSecureUrl(env: EnvName, value: string, allowInsecure: boolean, problems: string[]): void {
  const url = new URL(value);
  if (url.protocol === 'https:') return;
  if (url.protocol !== 'http:') {
    problems.push(`${env}: must be an https:// URL`);
  } else if (!isLoopbackHost(url.hostname)) {
    problems.push(`${env}: plain http:// is refused for a non-loopback host; use https:// (ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP only covers localhost, 127.0.0.1 and [::1])`);
  } else if (!allowInsecure) {
    problems.push(`${env}: plain http:// needs ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP=true (development against a loopback host only)`);
  }
}

function checkOrigin(value: string, allowInsecure: boolean, problems: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push('ITB_ALLOWED_ORIGINS: an entry is not a URL origin (scheme://host[:port])');
    return undefined;
  }
  const bare = url.pathname === '/' && url.search === '' && url.hash === ''
    && url.username === '' && url.password === '' && !value.includes('*');
  if (url.origin === 'null' || !bare) {
    problems.push('ITB_ALLOWED_ORIGINS: entries must be bare origins (scheme://host[:port]) with no path, query or wildcard');
    return undefined;
  }
  checkSecureUrl('ITB_ALLOWED_ORIGINS', url.origin, allowInsecure, problems);
  return url.origin;
}

function stripTrailingSlash(value: string): string {
  return value.endsWith('/') ? value.slice(0, -1) : value;
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Validate the environment into a {@link BffConfig}. Reads the campaign file when one is configured.
 * @throws {ConfigError} naming every wrong or missing key at once.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): BffConfig {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(SETTINGS)) {
    const value = env[name]?.trim();
    raw[name] = value === '' ? undefined : value;
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = new Map<string, string>();
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'configuration');
      if (problems.has(key)) continue;
      const missing = raw[key] === undefined;
      problems.set(key, `${key}: ${missing ? `required (${SETTINGS[key as EnvName]?.help ?? ''})` : issue.message}`);
    }
    throw new ConfigError([...problems.values()]);
  }
  const e = parsed.data;
  const problems: string[] = [];
  const insecure = e.ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP;
  const publicUrl = stripTrailingSlash(e.ITB_PUBLIC_URL);
  const redirectUri = e.ITB_OIDC_REDIRECT_URI ?? `${publicUrl}/auth/callback`;
  const urls: [EnvName, string][] = [
    ['ITB_PUBLIC_URL', publicUrl],
    ['ITB_UPSTREAM_FHIR_URL', e.ITB_UPSTREAM_FHIR_URL],
    ['ITB_UPSTREAM_TOKEN_URL', e.ITB_UPSTREAM_TOKEN_URL],
    ['ITB_OIDC_ISSUER', e.ITB_OIDC_ISSUER],
    ['ITB_OIDC_REDIRECT_URI', redirectUri],
  ];
  for (const [name, value] of urls) checkSecureUrl(name, value, insecure, problems);
  const publicParts = new URL(publicUrl);
  if (publicParts.search !== '' || publicParts.hash !== '') problems.push('ITB_PUBLIC_URL: must not have a query or fragment');
  const origins = e.ITB_ALLOWED_ORIGINS.map((o) => checkOrigin(o, insecure, problems)).filter((o): o is string => o !== undefined);

  let campaigns: readonly CampaignDefinition[] = [];
  if (e.ITB_CAMPAIGNS_FILE !== undefined) {
    const file = readCampaignFile(e.ITB_CAMPAIGNS_FILE);
    if (file.ok) campaigns = file.campaigns;
    else problems.push(...file.problems.map((p) => `ITB_CAMPAIGNS_FILE: ${p}`));
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);

  const firstKey = Buffer.from(e.ITB_SESSION_KEYS[0] ?? '', 'base64url');
  // A salt derived from the session key keeps audit hashes stable across instances without a new secret.
  const auditSalt = e.ITB_AUDIT_SALT ?? createHmac('sha256', firstKey).update('itb-bff audit salt v1').digest('base64url');

  return Object.freeze({
    port: e.ITB_BFF_PORT,
    host: e.ITB_BFF_HOST,
    publicUrl,
    upstreamFhirUrl: stripTrailingSlash(e.ITB_UPSTREAM_FHIR_URL),
    upstreamTokenUrl: e.ITB_UPSTREAM_TOKEN_URL,
    apiKey: e.ITB_API_KEY,
    oidcIssuer: e.ITB_OIDC_ISSUER,
    oidcClientId: e.ITB_OIDC_CLIENT_ID,
    oidcClientSecret: e.ITB_OIDC_CLIENT_SECRET,
    oidcRedirectUri: redirectUri,
    oidcScopes: e.ITB_OIDC_SCOPES,
    oidcIdpHint: e.ITB_OIDC_IDP_HINT,
    allowedOrigins: Object.freeze([...new Set(origins)]),
    sessionKeys: Object.freeze([...e.ITB_SESSION_KEYS]),
    cookieMode: e.ITB_COOKIE_MODE,
    campaignsFile: e.ITB_CAMPAIGNS_FILE,
    campaigns,
    catalogTtlSeconds: e.ITB_CATALOG_TTL_SECONDS,
    findTtlSeconds: e.ITB_FIND_TTL_SECONDS,
    upstreamTimeoutMs: e.ITB_UPSTREAM_TIMEOUT_MS,
    requestDeadlineMs: e.ITB_REQUEST_DEADLINE_MS,
    upstreamMaxInFlight: e.ITB_UPSTREAM_MAX_IN_FLIGHT,
    upstreamMaxBodyBytes: e.ITB_UPSTREAM_MAX_BODY_BYTES,
    fanoutConcurrency: e.ITB_FANOUT_CONCURRENCY,
    maxFindDays: e.ITB_MAX_FIND_DAYS,
    maxFindPractitioners: e.ITB_MAX_FIND_PRACTITIONERS,
    rateLimitLoginPerMinute: e.ITB_RATE_LIMIT_LOGIN_PER_MINUTE,
    rateLimitBookPerMinute: e.ITB_RATE_LIMIT_BOOK_PER_MINUTE,
    rateLimitFindPerMinute: e.ITB_RATE_LIMIT_FIND_PER_MINUTE,
    rateLimitCatalogPerMinute: e.ITB_RATE_LIMIT_CATALOG_PER_MINUTE,
    rateLimitCampaignPerMinute: e.ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE,
    bodyLimitBytes: e.ITB_BODY_LIMIT_BYTES,
    trustProxy: parseTrustProxy(e.ITB_TRUST_PROXY),
    logLevel: e.ITB_LOG_LEVEL,
    auditSalt,
    dangerouslyAllowInsecureLoopbackHttp: insecure,
  });
}
