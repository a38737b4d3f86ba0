import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';
import { SETTINGS, describeSettings, settingsTable } from './config-settings.js';

const KEY = 'q4b6Yg1b0xS0l8vJmQmF3cQ2n9mZ1Yw2b3c4d5e6f7g';

function validEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    ITB_PUBLIC_URL: 'https://clinic.example/booking-api/',
    ITB_UPSTREAM_FHIR_URL: 'https://api.wellonfhir.se/acme/1.0/R4/fhir/',
    ITB_UPSTREAM_TOKEN_URL: 'https://api.wellonfhir.se/acme/1.0/R4/auth/system-token',
    ITB_API_KEY: 'super-secret-api-key',
    ITB_OIDC_ISSUER: 'https://idp.example/realms/x',
    ITB_OIDC_CLIENT_ID: 'client',
    ITB_OIDC_CLIENT_SECRET: 'client-secret-value',
    ITB_ALLOWED_ORIGINS: 'https://clinic.example, https://www.clinic.example',
    ITB_SESSION_KEYS: KEY,
    ...overrides,
  };
}

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('parseConfig accepted the configuration');
}

describe('parseConfig', () => {
  it('fills defaults and derives the redirect URI and audit salt', () => {
    const config = parseConfig(validEnv());
    expect(config).toMatchObject({
      port: 4020,
      host: 'localhost',
      publicUrl: 'https://clinic.example/booking-api',
      upstreamFhirUrl: 'https://api.wellonfhir.se/acme/1.0/R4/fhir',
      oidcRedirectUri: 'https://clinic.example/booking-api/auth/callback',
      allowedOrigins: ['https://clinic.example', 'https://www.clinic.example'],
      cookieMode: 'same-site',
      catalogTtlSeconds: 60,
      findTtlSeconds: 10,
      upstreamTimeoutMs: 8000,
      fanoutConcurrency: 16,
      maxFindDays: 31,
      rateLimitLoginPerMinute: 30,
      rateLimitBookPerMinute: 20,
      bodyLimitBytes: 65536,
      trustProxy: false,
      logLevel: 'info',
      dangerouslyAllowInsecureLoopbackHttp: false,
      campaigns: [],
    });
    expect(config.oidcScopes.split(' ')).toContain('patient/$book.write');
    expect(config.auditSalt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(parseConfig(validEnv()).auditSalt).toBe(config.auditSalt);
    expect(parseConfig(validEnv({ ITB_AUDIT_SALT: 'a-configured-salt-value' })).auditSalt).toBe('a-configured-salt-value');
  });

  it('names every missing required key at once', () => {
    const problems = problemsOf({});
    const required = ['ITB_PUBLIC_URL', 'ITB_UPSTREAM_FHIR_URL', 'ITB_UPSTREAM_TOKEN_URL', 'ITB_API_KEY', 'ITB_OIDC_ISSUER',
      'ITB_OIDC_CLIENT_ID', 'ITB_OIDC_CLIENT_SECRET', 'ITB_ALLOWED_ORIGINS', 'ITB_SESSION_KEYS'];
    for (const key of required) expect(problems.some((p) => p.startsWith(`${key}: required`))).toBe(true);
    expect(problems).toHaveLength(required.length);
  });

  it('names every invalid value at once, without echoing any value', () => {
    const env = validEnv({
      ITB_BFF_PORT: '70000',
      ITB_FIND_TTL_SECONDS: '-1',
      ITB_FANOUT_CONCURRENCY: 'many',
      ITB_COOKIE_MODE: 'lax',
      ITB_LOG_LEVEL: 'verbose',
      ITB_SESSION_KEYS: `${KEY},short-key-secret`,
      ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'perhaps',
      ITB_UPSTREAM_FHIR_URL: 'not a url',
    });
    const problems = problemsOf(env);
    for (const key of ['ITB_BFF_PORT', 'ITB_FIND_TTL_SECONDS', 'ITB_FANOUT_CONCURRENCY', 'ITB_COOKIE_MODE', 'ITB_LOG_LEVEL',
      'ITB_SESSION_KEYS', 'ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP', 'ITB_UPSTREAM_FHIR_URL']) {
      expect(problems.filter((p) => p.startsWith(`${key}:`))).toHaveLength(1);
    }
    const message = (() => { try { parseConfig(env); } catch (e) { return (e as Error).message; } return ''; })();
    expect(message).not.toContain('short-key-secret');
    expect(message).not.toContain('super-secret-api-key');
    expect(message).toContain('8 problems');
  });

  it('refuses plain http unless the loopback switch is set', () => {
    const env = validEnv({ ITB_UPSTREAM_FHIR_URL: 'http://localhost:4010/demo/1.0/R4/fhir', ITB_OIDC_ISSUER: 'http://127.0.0.1:4010/oidc' });
    const problems = problemsOf(env);
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.includes('ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP=true'))).toBe(true);
    const config = parseConfig({ ...env, ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true' });
    expect(config.upstreamFhirUrl).toBe('http://localhost:4010/demo/1.0/R4/fhir');
    expect(config.dangerouslyAllowInsecureLoopbackHttp).toBe(true);
    expect(parseConfig({ ...env, ITB_UPSTREAM_TOKEN_URL: 'http://[::1]:4010/t', ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: '1' }).upstreamTokenUrl).toBe('http://[::1]:4010/t');
  });

  it('refuses http to a non-loopback host even with the switch', () => {
    const problems = problemsOf(validEnv({
      ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true',
      ITB_UPSTREAM_FHIR_URL: 'http://api.wellonfhir.se/acme/1.0/R4/fhir',
      ITB_UPSTREAM_TOKEN_URL: 'http://10.0.0.5/token',
      ITB_OIDC_ISSUER: 'http://localhost.evil.example/oidc',
      ITB_PUBLIC_URL: 'http://127.0.0.1.nip.io/booking',
      ITB_ALLOWED_ORIGINS: 'http://clinic.example',
    }));
    for (const key of ['ITB_UPSTREAM_FHIR_URL', 'ITB_UPSTREAM_TOKEN_URL', 'ITB_OIDC_ISSUER', 'ITB_PUBLIC_URL', 'ITB_ALLOWED_ORIGINS']) {
      expect(problems.some((p) => p.startsWith(`${key}:`) && p.includes('non-loopback'))).toBe(true);
    }
  });

  it('accepts only bare origins in ITB_ALLOWED_ORIGINS', () => {
    for (const bad of ['*', 'https://clinic.example/path', 'https://*.clinic.example', 'https://clinic.example?x=1', 'null']) {
      expect(problemsOf(validEnv({ ITB_ALLOWED_ORIGINS: bad })).some((p) => p.startsWith('ITB_ALLOWED_ORIGINS:'))).toBe(true);
    }
    expect(parseConfig(validEnv({ ITB_ALLOWED_ORIGINS: 'https://Clinic.Example:443/' })).allowedOrigins).toEqual(['https://clinic.example']);
  });

  it('parses trust-proxy forms', () => {
    expect(parseConfig(validEnv({ ITB_TRUST_PROXY: 'true' })).trustProxy).toBe(true);
    expect(parseConfig(validEnv({ ITB_TRUST_PROXY: '2' })).trustProxy).toBe(2);
    expect(parseConfig(validEnv({ ITB_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' })).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    expect(problemsOf(validEnv({ ITB_TRUST_PROXY: 'everyone' }))[0]).toMatch(/^ITB_TRUST_PROXY:/);
  });

  it('loads a valid campaign file and names the file and every problem of a bad one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itb-bff-config-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify([{ code: 'SUMMER', tag: 'summer-2026', validTo: '2026-09-01T00:00:00+02:00', message: { sv: 'Sommar', en: 'Summer' } }]));
    expect(parseConfig(validEnv({ ITB_CAMPAIGNS_FILE: good })).campaigns).toEqual([
      { code: 'SUMMER', tag: 'summer-2026', validTo: '2026-09-01T00:00:00+02:00', message: { sv: 'Sommar', en: 'Summer' } },
    ]);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify([{ code: 'A', validFrom: 'yesterday' }, { code: 'a' }, { code: 'B', colour: 'red' }]));
    const problems = problemsOf(validEnv({ ITB_CAMPAIGNS_FILE: bad }));
    expect(problems.every((p) => p.startsWith('ITB_CAMPAIGNS_FILE:') && p.includes(bad))).toBe(true);
    expect(problems.some((p) => p.includes('0.validFrom'))).toBe(true);
    expect(problems.some((p) => p.includes('1.code') && p.includes('duplicate'))).toBe(true);
    expect(problems.some((p) => p.includes('2'))).toBe(true);
    const notJson = join(dir, 'x.json');
    writeFileSync(notJson, '{oops');
    expect(problemsOf(validEnv({ ITB_CAMPAIGNS_FILE: notJson }))).toEqual([`ITB_CAMPAIGNS_FILE: ${notJson} is not valid JSON`]);
    expect(problemsOf(validEnv({ ITB_CAMPAIGNS_FILE: join(dir, 'missing.json') }))[0]).toContain('ENOENT');
  });

  it('documents every setting it reads', () => {
    const help = describeSettings();
    for (const name of Object.keys(SETTINGS)) expect(help).toContain(name);
    expect(help).toContain('default: 4020');
    // The README's table is exactly what the declarations say (regenerate it from settingsTable()).
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(settingsTable());
    for (const name of Object.keys(SETTINGS)) expect(readme).toContain(`| \`${name}\` |`);
  });
});

describe('parseConfig: booking events (ITB_REGISTRY_*, ITB_WEBHOOKS, ITB_EVENTS_*)', () => {
  /** A Standard Webhooks secret of `bytes` bytes. */
  const whsec = (fill: string, bytes = 32) => `whsec_${Buffer.alloc(bytes, fill).toString('base64')}`;
  const [A, B, C] = [whsec('a'), whsec('b'), whsec('c')];
  const REGISTRY = {
    ITB_REGISTRY_URL: 'https://registry.example/fhir/',
    ITB_REGISTRY_TOKEN_URL: 'https://login.registry.example/oauth2/token',
    ITB_REGISTRY_CLIENT_ID: 'itb-bff',
    ITB_REGISTRY_CLIENT_SECRET: 'registry-secret-value',
  };
  /** Problems of `env`, checked never to echo any of `secrets`. */
  function problemsWithout(secrets: readonly string[], overrides: Record<string, string | undefined>): readonly string[] {
    const problems = problemsOf(validEnv(overrides));
    for (const secret of secrets) expect(problems.join('\n'), secret).not.toContain(secret);
    return problems;
  }

  it('publishes nothing unless configured, and retries for 24 hours by default', () => {
    const config = parseConfig(validEnv());
    expect(config.registry).toBeUndefined();
    expect(config.webhooks).toEqual([]);
    expect(config).toMatchObject({ eventsRetryFirstMs: 10_000, eventsRetryMaxMs: 3_600_000, eventsRetryForSeconds: 86_400, eventsTimeoutMs: 10_000 });
  });

  it('reads several webhook endpoints, each with one or more secrets', () => {
    const config = parseConfig(validEnv({ ITB_WEBHOOKS: ` https://crm.example/hooks/itb ${A} ,https://stats.example/in  ${B}   ${C},` }));
    expect(config.webhooks).toEqual([
      { id: expect.stringMatching(/^[\w-]{10}$/), url: 'https://crm.example/hooks/itb', secrets: [A] },
      { id: expect.stringMatching(/^[\w-]{10}$/), url: 'https://stats.example/in', secrets: [B, C] },
    ]);
    expect(config.webhooks[0]!.id).not.toBe(config.webhooks[1]!.id);
  });

  it('names each bad webhook entry by its place, never echoing a URL or a secret', () => {
    const problems = problemsWithout(['whsec_!!!not-base64', 'key-in-path', A], {
      ITB_WEBHOOKS: [
        `crm.example/key-in-path ${A}`,
        `ftp://crm.example/key-in-path ${A}`,
        'https://crm.example/key-in-path',
        `https://stats.example/key-in-path ${A} whsec_!!!not-base64`,
      ].join(', '),
    });
    expect(problems).toEqual([
      'ITB_WEBHOOKS: entry 1: must start with an http(s) URL',
      'ITB_WEBHOOKS: entry 2: must start with an http(s) URL',
      'ITB_WEBHOOKS: entry 3: needs a secret after the URL (whsec_ + base64)',
      'ITB_WEBHOOKS: entry 4: a secret is not valid (whsec_ + base64 of 24 to 64 random bytes)',
    ]);
  });

  // standardwebhooks itself accepts any base64 (even 'short', 3 bytes): the 24-byte floor is ours.
  it('refuses a webhook secret shorter than 24 bytes, and one without the whsec_ prefix', () => {
    const problems = problemsWithout([whsec('s', 4)], { ITB_WEBHOOKS: `https://crm.example/hooks ${whsec('s', 4)}, https://stats.example/hooks short` });
    expect(problems).toHaveLength(2);
  });

  it('refuses a webhook URL listed twice', () => {
    expect(problemsWithout([A, B], { ITB_WEBHOOKS: `https://crm.example/hooks ${A}, https://crm.example/hooks ${B}` }))
      .toEqual(['ITB_WEBHOOKS: a URL is listed twice']);
  });

  it('refuses plain http to a non-loopback receiver even with the loopback switch, and allows a loopback one with it', () => {
    const problems = problemsWithout([A], { ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true', ITB_WEBHOOKS: `http://crm.example/hooks ${A}` });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ITB_WEBHOOKS: .*non-loopback/);
    expect(problemsWithout([A], { ITB_WEBHOOKS: `http://127.0.0.1:9000/hooks ${A}` })[0]).toMatch(/^ITB_WEBHOOKS: .*ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP=true/);
    const config = parseConfig(validEnv({ ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true', ITB_WEBHOOKS: `http://127.0.0.1:9000/hooks ${A}` }));
    expect(config.webhooks.map((w) => w.url)).toEqual(['http://127.0.0.1:9000/hooks']);
  });

  it('takes the registry settings all or none, naming what is missing in one problem', () => {
    expect(problemsWithout([REGISTRY.ITB_REGISTRY_CLIENT_SECRET], { ...REGISTRY, ITB_REGISTRY_CLIENT_ID: undefined }))
      .toEqual(['ITB_REGISTRY_*: registry publishing needs ITB_REGISTRY_CLIENT_ID as well']);
    expect(problemsWithout([], { ITB_REGISTRY_SCOPE: 'https://registry.example/fhir/.default' }))
      .toEqual(['ITB_REGISTRY_*: registry publishing needs ITB_REGISTRY_URL, ITB_REGISTRY_TOKEN_URL, ITB_REGISTRY_CLIENT_ID, ITB_REGISTRY_CLIENT_SECRET as well']);
  });

  it('defaults the scope to the registry URL + /.default and reads the secrets as a rotation list', () => {
    expect(parseConfig(validEnv({ ...REGISTRY, ITB_REGISTRY_CLIENT_SECRET: 'old-secret, new-secret' })).registry).toEqual({
      url: 'https://registry.example/fhir',
      tokenUrl: 'https://login.registry.example/oauth2/token',
      clientId: 'itb-bff',
      clientSecrets: ['old-secret', 'new-secret'],
      scope: 'https://registry.example/fhir/.default',
    });
    expect(parseConfig(validEnv({ ...REGISTRY, ITB_REGISTRY_SCOPE: 'api://registry/.default' })).registry?.scope).toBe('api://registry/.default');
  });

  it('refuses an empty secret list and plain http to a non-loopback registry, echoing neither', () => {
    expect(problemsWithout([], { ...REGISTRY, ITB_REGISTRY_CLIENT_SECRET: ' , ' }).some((p) => p.startsWith('ITB_REGISTRY_CLIENT_SECRET:'))).toBe(true);
    const problems = problemsWithout([REGISTRY.ITB_REGISTRY_CLIENT_SECRET], {
      ...REGISTRY, ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true', ITB_REGISTRY_URL: 'http://registry.example/fhir', ITB_REGISTRY_TOKEN_URL: 'http://10.0.0.7/token',
    });
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual(['ITB_REGISTRY_URL', 'ITB_REGISTRY_TOKEN_URL']);
    expect(problems.every((p) => p.includes('non-loopback'))).toBe(true);
  });
});
