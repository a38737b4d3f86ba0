/**
 * The whole demo stack in one process: the ITB sandbox, the BFF and the demo clinic site, wired
 * together with development settings. `npm start` (scripts/start.js) and the end-to-end tests
 * (test/global-setup.ts, on free ports) both start it through {@link startStack}, so the tests run
 * exactly what a newcomer runs.
 *
 * Order matters: the demo server listens first because its origin is the BFF's public URL, which
 * the sandbox's OpenID provider must know as a redirect URI before it starts; the BFF comes last and
 * the demo's proxy is pointed at it once it listens.
 * @module
 */
import { fileURLToPath } from 'node:url';
import { createSandbox } from '@itb/sandbox';
import { createBff, parseConfig } from '@itb/bff';
import { BFF_PREFIX, createDemoServer } from '../demo/server.js';
import { OIDC_CLIENT, bffEnvFor, registryEnvFor } from './stack-parts.js';

export { OIDC_CLIENT };
const CAMPAIGNS_FILE = fileURLToPath(new URL('../demo/campaigns.json', import.meta.url));

/** `http://127.0.0.1:port` or `http://[::1]:port` for a listening Node server. */
function loopbackUrl(address) {
  return address.family === 'IPv6' ? `http://[${address.address}]:${address.port}` : `http://${address.address}:${address.port}`;
}

async function waitUntilReady(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const answer = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (answer.ok) return;
      last = `HTTP ${answer.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/**
 * Start sandbox, BFF and demo site.
 * @param {{
 *   ports?: { sandbox?: number, bff?: number, demo?: number } | 0,
 *   logLevel?: string,
 *   logStream?: import('node:stream').Writable,
 *   bffEnv?: Record<string, string>,
 * }} [options] `ports: 0` picks free ports for all three; `logLevel` is the BFF's (default `silent`),
 *   and the BFF logs at it as its CLI does (JSON lines to stdout, or to `logStream`);
 *   `bffEnv` overrides any BFF setting (ITB_* names).
 */
export async function startStack(options = {}) {
  const wanted = options.ports === 0 ? { sandbox: 0, bff: 0, demo: 0 } : { sandbox: 4010, bff: 4020, demo: 4030, ...options.ports };
  const stops = [];
  const stop = async () => {
    for (const close of stops.splice(0).reverse()) await close().catch(() => {});
  };
  try {
    const demo = createDemoServer();
    const demoPort = await demo.listen(wanted.demo);
    stops.push(() => demo.close());
    const demoUrl = `http://localhost:${demoPort}`;
    const crossSiteUrl = `http://127.0.0.1:${demoPort}`;
    const publicUrl = `${demoUrl}${BFF_PREFIX}`;

    const sandbox = await createSandbox({
      port: wanted.sandbox,
      oidcClients: [{
        ...OIDC_CLIENT,
        redirectUris: [`${publicUrl}/auth/callback`],
        // Signing out ends the IdP session too and comes back to the page the patient was on.
        postLogoutRedirectUris: [`${demoUrl}/*`, `${crossSiteUrl}/*`],
        // The IdP tells the BFF when a patient's IdP session ends elsewhere (OIDC Back-Channel Logout).
        backchannelLogoutUri: `${publicUrl}/auth/backchannel-logout`,
      }],
    });
    stops.push(() => sandbox.close());

    const config = parseConfig(bffEnvFor(sandbox, {
      publicUrl,
      allowedOrigins: [demoUrl, crossSiteUrl],
      overrides: {
        ITB_BFF_PORT: String(wanted.bff),
        ITB_BFF_HOST: 'localhost',
        ITB_CAMPAIGNS_FILE: CAMPAIGNS_FILE,
        // Only the demo server, on loopback, sits in front of the BFF; it overwrites X-Forwarded-*.
        ITB_TRUST_PROXY: '127.0.0.1,::1',
        ITB_LOG_LEVEL: options.logLevel ?? 'silent',
        // Every booking is published to the sandbox's appointment registry, as a live deployment would.
        ...registryEnvFor(sandbox),
        ...options.bffEnv,
      },
    }));
    // Logged as the CLI logs (request lines, audit lines), at the configured level.
    const bff = await createBff(config, { logger: options.logStream === undefined ? true : { stream: options.logStream } });
    stops.push(() => bff.close());
    await bff.listen({ port: config.port, host: config.host });
    const bffAddress = bff.server.address();
    demo.setBff(loopbackUrl(bffAddress));
    const bffUrl = `http://localhost:${bffAddress.port}`;

    // Through the demo's proxy: proves the whole chain (demo → BFF → sandbox token) is up.
    await waitUntilReady(`${publicUrl}/readyz`, 30_000);

    return {
      urls: { sandbox: sandbox.origin, bff: bffUrl, bffPublic: publicUrl, demo: demoUrl, crossSite: crossSiteUrl },
      sandbox,
      // Development keys of this run only; the end-to-end tests open the session cookie with it to
      // learn the real tokens and prove none of them ever reached the page.
      sessionKeys: config.sessionKeys,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
