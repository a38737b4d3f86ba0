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
import { createSandbox } from '@itb/sandbox';
import type { FastifyInstance } from 'fastify';
import { parseConfig, type BffConfig } from '../src/config.js';
import { createBff } from '../src/create-bff.js';
import type { LoggerSettings } from '../src/logging.js';
import { OIDC_CLIENT, bffEnvFor, freePort, newSessionKey } from '../../../scripts/stack-parts.js';

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

export { freePort, newSessionKey, OIDC_CLIENT };

/** The environment a test BFF runs with against `sandbox`. */
export function bffTestEnvVars(sandbox: TestSandbox, publicUrl: string, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  return bffEnvFor(sandbox, {
    publicUrl,
    allowedOrigins: [TEST_ORIGIN, TEST_OTHER_ALLOWED_ORIGIN],
    overrides: { ITB_UPSTREAM_TIMEOUT_MS: '3000', ITB_LOG_LEVEL: 'silent', ...overrides },
  });
}

/** Start a sandbox (unless given) and a BFF against it. Call `close()` in `afterAll`. */
export async function startBffTestEnv(options: BffTestEnvOptions = {}): Promise<BffTestEnv> {
  const port = options.listen === true ? await freePort() : undefined;
  const publicUrl = options.publicUrl ?? `http://localhost:${port ?? 4020}`;
  const ownSandbox = options.sandbox === undefined;
  const sandbox = options.sandbox ?? await createSandbox({
    port: 0,
    oidcClients: [{ ...OIDC_CLIENT, redirectUris: [`${publicUrl}/auth/callback`] }],
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
