/**
 * The pieces every stack shares — `npm start`, the end-to-end tests, the bench, the widget's
 * component tests and the BFF's tests: a free port, a fresh session key, the sandbox's OIDC client
 * for the BFF, and the BFF settings that point a BFF at a sandbox. One place, so they cannot drift.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { DEFAULT_OIDC_CLIENT } from '@itb/sandbox';

/** The sandbox's registered OIDC client for the BFF (its defaults; see the sandbox README). */
export const OIDC_CLIENT = Object.freeze({ clientId: DEFAULT_OIDC_CLIENT.clientId, clientSecret: DEFAULT_OIDC_CLIENT.clientSecret });

/**
 * The first port the kernel hands out by itself (Linux's ip_local_port_range; 32768 elsewhere).
 * Ports picked below it never meet a port the kernel gives a `listen(0)` or an outgoing connection.
 */
function ephemeralLow() {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

const handedOut = new Set();

/** Whether `port` can be listened on at 127.0.0.1 right now. */
function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free TCP port on the loopback interface, for servers that must know their port before they
 * listen (a BFF's public URL, registered with the sandbox's IdP first). It is picked at random below
 * the kernel's ephemeral range: a port the kernel picked itself could be handed out again, to a
 * server listening on port 0 or to an outgoing connection, before ours listens (seen in CI as
 * EADDRINUSE). Falls back to the kernel's pick when nothing is free there.
 */
export async function freePort() {
  const high = ephemeralLow();
  const low = Math.min(10_000, high - 1000);
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    // Never twice to this process, whose earlier picks may not be listening yet (reserved before
    // the check, so concurrent calls cannot both take it).
    handedOut.add(port);
    if (await canListen(port)) return port;
    handedOut.delete(port);
  }
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
