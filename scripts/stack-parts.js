/**
 * The pieces every stack shares — `npm start`, the end-to-end tests, the bench, the widget's
 * component tests and the BFF's tests: a free port, a fresh session key, the sandbox's OIDC client
 * for the BFF, and the BFF settings that point a BFF at a sandbox. One place, so they cannot drift.
 * @module
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { DEFAULT_OIDC_CLIENT } from '@itb/sandbox';

/** The sandbox's registered OIDC client for the BFF (its defaults; see the sandbox README). */
export const OIDC_CLIENT = Object.freeze({ clientId: DEFAULT_OIDC_CLIENT.clientId, clientSecret: DEFAULT_OIDC_CLIENT.clientSecret });

/** A free TCP port on the loopback interface (for servers that must know their port before they listen). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A fresh base64url session key: sessions do not survive a restart, and no key sits in the repository. */
export function newSessionKey() {
  return randomBytes(32).toString('base64url');
}

/**
 * The ITB_* settings of a BFF at `publicUrl` in front of `sandbox` (anything with `fhirBase`,
 * `systemTokenUrl`, `apiKey` and `issuer`), allowing `allowedOrigins`, plus `overrides`.
 * Development settings: plain http to loopback is allowed.
 */
export function bffEnvFor(sandbox, { publicUrl, allowedOrigins, overrides = {} }) {
  return {
    ITB_PUBLIC_URL: publicUrl,
    ITB_UPSTREAM_FHIR_URL: sandbox.fhirBase,
    ITB_UPSTREAM_TOKEN_URL: sandbox.systemTokenUrl,
    ITB_API_KEY: sandbox.apiKey,
    ITB_OIDC_ISSUER: sandbox.issuer,
    ITB_OIDC_CLIENT_ID: OIDC_CLIENT.clientId,
    ITB_OIDC_CLIENT_SECRET: OIDC_CLIENT.clientSecret,
    ITB_ALLOWED_ORIGINS: allowedOrigins.join(','),
    ITB_SESSION_KEYS: newSessionKey(),
    ITB_DANGEROUSLY_ALLOW_INSECURE_LOOPBACK_HTTP: 'true',
    ...overrides,
  };
}

/** The BFF settings that publish bookings to `sandbox`'s appointment registry stand-in. */
export function registryEnvFor(sandbox) {
  return {
    ITB_REGISTRY_URL: sandbox.registry.fhirBase,
    ITB_REGISTRY_TOKEN_URL: sandbox.registry.tokenUrl,
    ITB_REGISTRY_CLIENT_ID: sandbox.registry.clientId,
    ITB_REGISTRY_CLIENT_SECRET: sandbox.registry.clientSecret,
  };
}
