/**
 * Test environment for BFF suites: a real sandbox on an ephemeral port and a BFF configured against
 * it (through parseConfig, like production). Not part of the build (`*.test-support.ts` is excluded).
 *
 * @example
 * const env = await startBffTestEnv();
 * const res = await env.app.inject({ url: '/fhir/HealthcareService' });
 * await env.close();
 * @module
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createSandbox } from '@itb/sandbox';
import type { FastifyInstance } from 'fastify';
import { parseConfig, type BffConfig } from '../config.js';
import { createBff } from '../create-bff.js';
import type { LoggerSettings } from '../logging.js';

/** The running sandbox, as `createSandbox` returns it. */
export type TestSandbox = Awaited<ReturnType<typeof createSandbox>>;

/** An origin listed in ITB_ALLOWED_ORIGINS of every test BFF (the demo site's origin). */
export const TEST_ORIGIN = 'http://localhost:4030';
/** A second allowed origin, for cross-origin cases. */
export const TEST_OTHER_ALLOWED_ORIGIN = 'http://127.0.0.1:4031';
/** An origin that is NOT allowed. */
export const TEST_FOREIGN_ORIGIN = 'http://evil.localhost:6666';

/** Options of {@link startBffTestEnv}. */
export interface BffTestEnvOptions {
  /** Reuse a running sandbox (e.g. two BFFs on one upstream); it is then not closed by `close()`. */
  readonly sandbox?: TestSandbox;
  /** Listen on a real port (needed when a browser-like client follows redirects to the BFF). */
  readonly listen?: boolean;
  /** The BFF's public URL (default: http://localhost:<port> when listening, else http://localhost:4020). */
  readonly publicUrl?: string;
  /** Extra or overriding environment variables (ITB_…). */
  readonly env?: Readonly<Record<string, string>>;
  readonly now?: () => Date;
  /** Capture logs (default: silent). */
  readonly logger?: LoggerSettings;
}

/** What {@link startBffTestEnv} returns. */
export interface BffTestEnv {
  readonly sandbox: TestSandbox;
  readonly app: FastifyInstance;
  readonly config: BffConfig;
  /** The environment the config was parsed from (reuse it for a second instance). */
  readonly env: Readonly<Record<string, string>>;
  /** Base URL when listening (same as config.publicUrl's origin), else undefined. */
  readonly baseUrl: string | undefined;
  close(): Promise<void>;
}

/** A fresh base64url 32-byte session key. */
export function newSessionKey(): string {
  return randomBytes(32).toString('base64url');
}

/** A free TCP port on localhost (the BFF's public URL must be known before the sandbox starts). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The environment a test BFF runs with against `sandbox`. */
export function bffTestEnvVars(sandbox: TestSandbox, publicUrl: string, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    ITB_PUBLIC_URL: publicUrl,
    ITB_UPSTREAM_FHIR_URL: sandbox.fhirBase,
    ITB_UPSTREAM_TOKEN_URL: sandbox.systemTokenUrl,
    ITB_API_KEY: sandbox.apiKey,
    ITB_OIDC_ISSUER: sandbox.issuer,
    ITB_OIDC_CLIENT_ID: 'itb-bff',
    ITB_OIDC_CLIENT_SECRET: 'sandbox-client-secret',
    ITB_ALLOWED_ORIGINS: `${TEST_ORIGIN},${TEST_OTHER_ALLOWED_ORIGIN}`,
    ITB_SESSION_KEYS: newSessionKey(),
    ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true',
    ITB_UPSTREAM_TIMEOUT_MS: '3000',
    ITB_LOG_LEVEL: 'silent',
    ...overrides,
  };
}

/** Start a sandbox (unless given) and a BFF against it. Call `close()` in `afterAll`. */
export async function startBffTestEnv(options: BffTestEnvOptions = {}): Promise<BffTestEnv> {
  const port = options.listen === true ? await freePort() : undefined;
  const publicUrl = options.publicUrl ?? `http://localhost:${port ?? 4020}`;
  const ownSandbox = options.sandbox === undefined;
  const sandbox = options.sandbox ?? await createSandbox({
    port: 0,
    oidcClients: [{ clientId: 'itb-bff', clientSecret: 'sandbox-client-secret', redirectUris: [`${publicUrl}/auth/callback`] }],
  });
  const env = bffTestEnvVars(sandbox, publicUrl, options.env);
  const config = parseConfig(env);
  const app = await createBff(config, {
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  if (port !== undefined) await app.listen({ port, host: 'localhost' });
  else await app.ready();
  return {
    sandbox,
    app,
    config,
    env,
    baseUrl: port === undefined ? undefined : `http://localhost:${port}`,
    async close() {
      await app.close();
      if (ownSandbox) await sandbox.close();
    },
  };
}
