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
