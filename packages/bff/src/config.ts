/**
 * The BFF's whole configuration: one zod schema over the environment, parsed once at start-up.
 * Nothing else reads `process.env`. A bad configuration stops start-up with one message naming
 * every wrong or missing key (values are never echoed: some of them are secrets).
 * @module
 */
import { createHash, createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { CampaignDefinition } from '@itb/shared';
import { readCampaignFile } from './campaigns/campaign-file.js';
import { ENV_SCHEMA, SETTINGS, type EnvName, type ParsedSettings } from './config-settings.js';

/**
 * The validated configuration: every setting under its key, typed from its schema in
 * config-settings.ts (the one declaration), with the defaults computed at start-up filled in and
 * the campaign file read.
 */
export type BffConfig = Readonly<Omit<ParsedSettings, 'oidcRedirectUri' | 'auditSalt' | 'allowedOrigins' | 'sessionKeys' | 'metricsHost'
  | 'registryUrl' | 'registryTokenUrl' | 'registryClientId' | 'registryClientSecrets' | 'registryScope' | 'webhooks'> & {
  readonly oidcRedirectUri: string;
  /** Where the metrics listener binds (the API's interface unless set). */
  readonly metricsHost: string;
  /** Bare origins (`scheme://host[:port]`) allowed to call with credentials, receive redirects and postMessages. */
  readonly allowedOrigins: readonly string[];
  /** base64url-encoded 32-byte keys; the first encrypts, all decrypt. */
  readonly sessionKeys: readonly string[];
  readonly auditSalt: string;
  /** The campaign file's contents, validated (empty when no file is configured). */
  readonly campaigns: readonly CampaignDefinition[];
  /** Where bookings are published as pointers; undefined = no registry. */
  readonly registry: RegistrySettings | undefined;
  /** Webhook endpoints (none = no webhooks). */
  readonly webhooks: readonly WebhookEndpoint[];
}>;

/** The appointment registry and how the BFF gets a token for it (OAuth 2.0 client credentials). */
export interface RegistrySettings {
  /** FHIR base, no trailing slash. */
  readonly url: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  /** The first is used; the next ones in turn when the token URL refuses it. */
  readonly clientSecrets: readonly string[];
  readonly scope: string;
}

/** One webhook receiver. */
export interface WebhookEndpoint {
  /** Short id derived from the URL: what logs, metrics and jobs name (a URL may carry a secret in its path). */
  readonly id: string;
  readonly url: string;
  /** Standard Webhooks secrets; each signs every message (more than one while rotating). */
  readonly secrets: readonly string[];
}

/** Endpoint id of a webhook URL. */
export function webhookEndpointId(url: string): string {
  return createHash('sha256').update(url).digest('base64url').slice(0, 10);
}

/**
 * A Standard Webhooks secret: `whsec_` + base64 of 24–64 bytes. The library takes far shorter
 * keys (and no prefix); a short one would make the signatures guessable, so it is refused here.
 */
function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith('whsec_')) return false;
  const encoded = secret.slice('whsec_'.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return false;
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < 24 || bytes > 64) return false;
  try {
    new Webhook(secret);
    return true;
  } catch {
    return false;
  }
}

/** `ITB_WEBHOOKS` read: comma-separated `URL SECRET [SECRET…]` entries; problems named, secrets never echoed. */
function readWebhooks(value: string | undefined, allowInsecure: boolean, problems: string[]): WebhookEndpoint[] {
  if (value === undefined) return [];
  const endpoints: WebhookEndpoint[] = [];
  value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '').forEach((entry, index) => {
    const [url = '', ...secrets] = entry.split(/\s+/);
    const where = `ITB_WEBHOOKS: entry ${index + 1}`;
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      problems.push(`${where}: must start with an http(s) URL`);
      return;
    }
    checkSecureUrl('ITB_WEBHOOKS', url, allowInsecure, problems);
    if (secrets.length === 0) {
      problems.push(`${where}: needs a secret after the URL (whsec_ + base64)`);
      return;
    }
    if (!secrets.every(isWebhookSecret)) {
      problems.push(`${where}: a secret is not valid (whsec_ + base64 of 24 to 64 random bytes)`);
      return;
    }
    endpoints.push({ id: webhookEndpointId(url), url, secrets });
  });
  // Compared as URLs: `HTTPS://Crm.example/hook` and `https://crm.example/hook` are one endpoint.
  if (new Set(endpoints.map((e) => new URL(e.url).href)).size !== endpoints.length) problems.push('ITB_WEBHOOKS: a URL is listed twice');
  return endpoints;
}

/** The registry settings, all or none; problems named. */
function readRegistry(settings: ParsedSettings, allowInsecure: boolean, problems: string[]): RegistrySettings | undefined {
  const { registryUrl, registryTokenUrl, registryClientId, registryClientSecrets, registryScope } = settings;
  const given = [registryUrl, registryTokenUrl, registryClientId, registryClientSecrets, registryScope].some((v) => v !== undefined);
  if (!given) return undefined;
  const missing: string[] = [];
  if (registryUrl === undefined) missing.push('ITB_REGISTRY_URL');
  if (registryTokenUrl === undefined) missing.push('ITB_REGISTRY_TOKEN_URL');
  if (registryClientId === undefined) missing.push('ITB_REGISTRY_CLIENT_ID');
  if (registryClientSecrets === undefined) missing.push('ITB_REGISTRY_CLIENT_SECRET');
  if (missing.length > 0 || registryUrl === undefined || registryTokenUrl === undefined || registryClientId === undefined || registryClientSecrets === undefined) {
    problems.push(`ITB_REGISTRY_*: registry publishing needs ${missing.join(', ')} as well`);
    return undefined;
  }
  checkSecureUrl('ITB_REGISTRY_URL', registryUrl, allowInsecure, problems);
  checkSecureUrl('ITB_REGISTRY_TOKEN_URL', registryTokenUrl, allowInsecure, problems);
  return { url: registryUrl, tokenUrl: registryTokenUrl, clientId: registryClientId, clientSecrets: registryClientSecrets, scope: registryScope ?? `${registryUrl}/.default` };
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
  const parsed = ENV_SCHEMA.safeParse(raw);
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
  const settings = Object.fromEntries((Object.keys(SETTINGS) as EnvName[]).map((name) => [SETTINGS[name].key, e[name]])) as unknown as ParsedSettings;
  const problems: string[] = [];
  const insecure = settings.dangerouslyAllowInsecureLoopbackHttp;
  const publicUrl = settings.publicUrl;
  const redirectUri = settings.oidcRedirectUri ?? `${publicUrl}/auth/callback`;
  const urls: [EnvName, string][] = [
    ['ITB_PUBLIC_URL', publicUrl],
    ['ITB_UPSTREAM_FHIR_URL', settings.upstreamFhirUrl],
    ['ITB_UPSTREAM_TOKEN_URL', settings.upstreamTokenUrl],
    ['ITB_OIDC_ISSUER', settings.oidcIssuer],
    ['ITB_OIDC_REDIRECT_URI', redirectUri],
  ];
  for (const [name, value] of urls) checkSecureUrl(name, value, insecure, problems);
  const publicParts = new URL(publicUrl);
  if (publicParts.search !== '' || publicParts.hash !== '') problems.push('ITB_PUBLIC_URL: must not have a query or fragment');
  const origins = settings.allowedOrigins.map((o) => checkOrigin(o, insecure, problems)).filter((o): o is string => o !== undefined);

  let campaigns: readonly CampaignDefinition[] = [];
  if (settings.campaignsFile !== undefined) {
    const file = readCampaignFile(settings.campaignsFile);
    if (file.ok) campaigns = file.campaigns;
    else problems.push(...file.problems.map((p) => `ITB_CAMPAIGNS_FILE: ${p}`));
  }
  const registry = readRegistry(settings, insecure, problems);
  const webhooks = readWebhooks(settings.webhooks, insecure, problems);
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);

  const firstKey = Buffer.from(settings.sessionKeys[0] ?? '', 'base64url');
  // A salt derived from the session key keeps audit hashes stable across instances without a new secret.
  const auditSalt = settings.auditSalt ?? createHmac('sha256', firstKey).update('itb-bff audit salt v1').digest('base64url');

  const { registryUrl: _url, registryTokenUrl: _token, registryClientId: _id, registryClientSecrets: _secrets, registryScope: _scope, webhooks: _webhooks, ...rest } = settings;
  return Object.freeze({
    ...rest,
    registry,
    webhooks: Object.freeze(webhooks),
    oidcRedirectUri: redirectUri,
    metricsHost: settings.metricsHost ?? settings.host,
    allowedOrigins: Object.freeze([...new Set(origins)]),
    sessionKeys: Object.freeze([...settings.sessionKeys]),
    campaigns,
    auditSalt,
  });
}
