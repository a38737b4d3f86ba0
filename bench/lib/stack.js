/**
 * The bench's stack: the demo site's server (static page + same-origin `/booking-api` proxy, in the
 * bench process; only the browser figure uses it), the sandbox in its own process, and BFF processes
 * started from the built CLI. Every BFF believes it lives at `<demo>/booking-api`, like a real
 * same-site deployment; load figures call it directly (the proxy is not what is measured).
 * @module
 */
import { fileURLToPath } from 'node:url';
import { createDemoServer, BFF_PREFIX } from '../../demo/server.js';
import { bffEnvFor, OIDC_CLIENT } from '../../scripts/stack-parts.js';
import { startBff, startSandbox } from './servers.js';
import { requestJson } from './load.js';

const PAGE_DIR = fileURLToPath(new URL('../page/', import.meta.url));

export async function startBenchStack() {
  const closers = [];
  const close = async () => {
    for (const fn of closers.splice(0).reverse()) await fn().catch(() => {});
  };
  try {
    const demo = createDemoServer({ siteDir: PAGE_DIR });
    const demoPort = await demo.listen(0);
    closers.push(() => demo.close());
    const demoOrigin = `http://localhost:${demoPort}`;
    const publicUrl = `${demoOrigin}${BFF_PREFIX}`;

    const sandbox = await startSandbox({
      oidcClients: [{ ...OIDC_CLIENT, redirectUris: [`${publicUrl}/auth/callback`] }],
    });
    closers.push(() => sandbox.close());

    // Every BFF of the bench shares one session key (from bffEnvFor), like instances of one deployment.
    const baseEnv = bffEnvFor(sandbox, {
      publicUrl,
      allowedOrigins: [demoOrigin],
      overrides: {
        // Only a loopback proxy sits in front (the demo server, or the bench acting as one).
        ITB_TRUST_PROXY: '127.0.0.1,::1',
        // The load generator is one client at thousands of requests per second: per-client limits
        // would measure the limiter, not the BFF.
        ITB_RATE_LIMIT_FIND_PER_MINUTE: '1000000',
        ITB_RATE_LIMIT_CATALOG_PER_MINUTE: '1000000',
        ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE: '1000000',
        ITB_RATE_LIMIT_BOOK_PER_MINUTE: '100000',
        // The fan-out figure searches 10 practitioners across clinics in one request (no seed clinic has 10).
        ITB_MAX_FIND_PRACTITIONERS: '10',
      },
    });
    /** Start one more BFF with the shared settings plus `env`; it is closed with the stack. */
    const bff = async (name, env = {}, options = {}) => {
      const instance = await startBff({ ...baseEnv, ...env }, { name, ...options });
      closers.push(() => instance.close());
      return instance;
    };
    return { demo, demoOrigin, publicUrl, sandbox, bff, close, systemToken: () => systemToken(sandbox) };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A system token straight from the sandbox (what the BFF holds), for the direct baselines. */
export async function systemToken(sandbox) {
  const answer = await fetch(sandbox.systemTokenUrl, { method: 'POST', headers: { 'X-ApiKey': sandbox.apiKey, Accept: 'application/json' } });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`system token: HTTP ${answer.status}`);
  try {
    const body = JSON.parse(text);
    if (typeof body === 'string') return body;
    if (typeof body.access_token === 'string') return body.access_token;
  } catch {
    // A bare JWT (spec §3.2 allows it).
  }
  return text.trim();
}

export { requestJson };
