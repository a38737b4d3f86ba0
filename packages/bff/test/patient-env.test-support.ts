/**
 * A sandbox plus one or more BFF instances listening on known ports, for the patient suites: the
 * sandbox must know every BFF's redirect URI (and the post-logout targets) before it starts, so
 * ports are picked first. Built from BFF-core's helpers (same env, same parseConfig).
 * @module
 */
import { createSandbox } from '@itb/sandbox';
import type { FastifyInstance } from 'fastify';
import { parseConfig, type BffConfig } from '../src/config.js';
import { createBff } from '../src/create-bff.js';
import type { LoggerSettings } from '../src/logging.js';
import { createKeyring } from '../src/session/seal.js';
import { joinChunks } from '../src/session/cookie-policy.js';
import type { PatientSession } from '../src/plugins/session.js';
import { createPatientClient, type PatientClient, type ResponseLog } from './patient-client.test-support.js';
import { OIDC_CLIENT, TEST_ORIGIN, TEST_OTHER_ALLOWED_ORIGIN, bffTestEnvVars, freePort, type TestSandbox } from './bff-test-env.test-support.js';

export interface PatientBff {
  readonly app: FastifyInstance;
  readonly config: BffConfig;
  readonly baseUrl: string;
}

export interface PatientEnv {
  readonly sandbox: TestSandbox;
  readonly bffs: readonly PatientBff[];
  /** The first BFF. */
  readonly bff: PatientBff;
  /** Start one more BFF on a pre-registered port with `env` overrides (shares the sandbox). */
  startExtra(overrides?: Readonly<Record<string, string>>, options?: { now?: () => Date; logger?: LoggerSettings }): Promise<PatientBff>;
  close(): Promise<void>;
}

/** Post-logout targets the sandbox accepts (the test origins, any path). */
export const POST_LOGOUT_TARGET = `${TEST_ORIGIN}/signed-out`;

/** Start a sandbox and `count` BFFs that share the env (session keys included) unless overridden. */
export async function startPatientEnv(options: {
  count?: number;
  extraPorts?: number;
  env?: Readonly<Record<string, string>>;
  now?: () => Date;
  logger?: LoggerSettings;
  sandbox?: Parameters<typeof createSandbox>[0];
  /** Register a back-channel logout URI at the IdP (given the first BFF's URL). */
  backchannelLogoutUri?: (bffUrl: string) => string;
} = {}): Promise<PatientEnv> {
  const count = options.count ?? 1;
  const ports = await Promise.all(Array.from({ length: count + (options.extraPorts ?? 0) }, () => freePort()));
  const urls = ports.map((port) => `http://localhost:${port}`);
  const sandbox = await createSandbox({
    port: 0,
    ...options.sandbox,
    oidcClients: [{
      ...OIDC_CLIENT,
      redirectUris: urls.map((url) => `${url}/auth/callback`),
      postLogoutRedirectUris: [POST_LOGOUT_TARGET, `${TEST_OTHER_ALLOWED_ORIGIN}/signed-out`],
      ...(options.backchannelLogoutUri === undefined ? {} : { backchannelLogoutUri: options.backchannelLogoutUri(urls[0] as string) }),
    }],
  });
  const base = bffTestEnvVars(sandbox, urls[0] as string, options.env);
  const bffs: PatientBff[] = [];
  let next = 0;
  async function start(overrides: Readonly<Record<string, string>>, startOptions: { now?: () => Date; logger?: LoggerSettings }): Promise<PatientBff> {
    const index = next;
    next += 1;
    const url = urls[index];
    if (url === undefined) throw new Error('no pre-registered port left: raise extraPorts');
    const config = parseConfig({ ...base, ITB_PUBLIC_URL: url, ...overrides });
    const app = await createBff(config, {
      ...(startOptions.now === undefined ? {} : { now: startOptions.now }),
      ...(startOptions.logger === undefined ? {} : { logger: startOptions.logger }),
    });
    await app.listen({ port: ports[index] as number, host: 'localhost' });
    const bff = { app, config, baseUrl: url };
    bffs.push(bff);
    return bff;
  }
  for (let i = 0; i < count; i += 1) {
    await start({}, { ...(options.now === undefined ? {} : { now: options.now }), ...(options.logger === undefined ? {} : { logger: options.logger }) });
  }
  return {
    sandbox,
    bffs,
    bff: bffs[0] as PatientBff,
    startExtra: (overrides = {}, startOptions = {}) => start(overrides, startOptions),
    async close() {
      await Promise.all(bffs.map((bff) => bff.app.close()));
      await sandbox.close();
    },
  };
}

/** Open the session cookie(s) in a `Cookie` header value with `config`'s keys (tests only). */
export async function openSessionCookie(config: BffConfig, cookieHeader: string, now: Date = new Date()): Promise<PatientSession | undefined> {
  const cookies = Object.fromEntries(cookieHeader.split(';').map((pair) => pair.trim()).filter((pair) => pair.includes('='))
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  const sealed = joinChunks(cookies, '__Host-itb-session');
  if (sealed === undefined) return undefined;
  const opened = await createKeyring(config.sessionKeys).open(sealed, { purpose: 'itb-session', now });
  return opened?.payload['session'] as PatientSession | undefined;
}

/** Every secret a browser must never read: the API key, the client secret and the given tokens. */
export function secretsOf(config: BffConfig, sessions: Iterable<PatientSession>): string[] {
  const secrets = new Set<string>([config.apiKey, config.oidcClientSecret, ...config.sessionKeys]);
  for (const session of sessions) {
    for (const token of [session.tokens.accessToken, session.tokens.refreshToken, session.tokens.idToken]) {
      if (token !== undefined && token.length >= 16) secrets.add(token);
    }
  }
  return [...secrets];
}

/**
 * Sign `personalNumber` in through the real login flow on `env`'s BFF; every response goes into
 * `log` and the opened session into `sessions`, so a suite can scan both for leaked secrets.
 */
export async function signInPatient(env: PatientEnv, personalNumber: string, log: ResponseLog, sessions: PatientSession[]): Promise<PatientClient> {
  const client = createPatientClient(env.bff.baseUrl, log);
  const result = await client.login(personalNumber);
  if (result.status !== 303) throw new Error(`login failed: ${result.status}`);
  const session = await openSessionCookie(env.bff.config, client.jar.headerFor(new URL(env.bff.baseUrl)));
  if (session !== undefined) sessions.push(session);
  return client;
}
