/**
 * A sandbox and a BFF for a site other than the demo: started in the test's process exactly as
 * scripts/stack.js starts the demo's (the same settings through bffEnvFor, campaigns, trusted
 * loopback proxy), for a BFF published at `<site origin>/booking-api` behind the site's front door.
 */
import { fileURLToPath } from 'node:url';
import { createBff, parseConfig } from '@itb/bff';
import { createSandbox, type Sandbox } from '@itb/sandbox';
import { OIDC_CLIENT, bffEnvFor } from '../../scripts/stack-parts.js';

const CAMPAIGNS_FILE = fileURLToPath(new URL('../../demo/campaigns.json', import.meta.url));

/** The path a site's front door serves the BFF under. */
export const BFF_PATH = '/booking-api';

export interface RunningBff {
  /** The BFF's own loopback address, `http://127.0.0.1:<port>`, for a front door (or a direct call). */
  readonly url: string;
  close(): Promise<void>;
}

/** A sandbox whose OpenID provider knows the BFF published at `publicUrl` and the pages of `siteOrigin`. */
export function startSandboxFor(siteOrigin: string, publicUrl: string): Promise<Sandbox> {
  return createSandbox({
    port: 0,
    oidcClients: [{
      ...OIDC_CLIENT,
      redirectUris: [`${publicUrl}/auth/callback`],
      postLogoutRedirectUris: [`${siteOrigin}/*`],
      backchannelLogoutUri: `${publicUrl}/auth/backchannel-logout`,
    }],
  });
}

/**
 * A BFF in front of `sandbox`, published at `publicUrl` and allowing `allowedOrigins`, listening
 * on a free loopback port. Silent, as in the other journeys; `overrides` sets any ITB_* setting.
 */
export async function startBff(sandbox: Sandbox, options: { publicUrl: string; allowedOrigins: readonly string[]; overrides?: Record<string, string> }): Promise<RunningBff> {
  const config = parseConfig(bffEnvFor(sandbox, {
    publicUrl: options.publicUrl,
    allowedOrigins: options.allowedOrigins,
    overrides: {
      ITB_BFF_PORT: '0',
      ITB_BFF_HOST: '127.0.0.1',
      ITB_CAMPAIGNS_FILE: CAMPAIGNS_FILE,
      // Only the front door, on loopback, sits in front of the BFF; it overwrites X-Forwarded-*.
      ITB_TRUST_PROXY: '127.0.0.1,::1',
      ITB_LOG_LEVEL: 'silent',
      ...options.overrides,
    },
  }));
  const bff = await createBff(config);
  try {
    await bff.listen({ port: config.port, host: config.host });
    const address = bff.server.address();
    if (address === null || typeof address === 'string') throw new Error(`the BFF listens on ${String(address)}`);
    return { url: `http://127.0.0.1:${address.port}`, close: () => bff.close() };
  } catch (error) {
    await bff.close();
    throw error;
  }
}
