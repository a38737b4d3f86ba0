#!/usr/bin/env node
/**
 * `npm run sandbox` / `itb-sandbox`: environment → options → listen; prints the URLs, the API key,
 * the OIDC client and the test persons. The only place that reads `process.env`.
 *
 * ITB_SANDBOX_PORT, ITB_SANDBOX_API_KEY, ITB_SANDBOX_CLIENT_ID, ITB_SANDBOX_CLIENT_SECRET,
 * ITB_SANDBOX_REDIRECT_URIS and ITB_SANDBOX_POST_LOGOUT_REDIRECT_URIS (comma lists),
 * ITB_SANDBOX_BACKCHANNEL_LOGOUT_URI (the ITB_SANDBOX_OIDC_* spellings work too),
 * ITB_SANDBOX_STRICT (true/false), ITB_SANDBOX_LATENCY_MS.
 * @module
 */
import { createSandbox } from './create-sandbox.js';
import { DEFAULT_OIDC_CLIENT, type SandboxOptions } from './options.js';
import { oidcClientFromEnv } from './oidc/client-env.js';
import { TEST_PERSONS } from './seed/persons.js';

function fail(message: string): never {
  console.error(`itb-sandbox: ${message}`);
  process.exit(2);
}

function readOptions(env: NodeJS.ProcessEnv): SandboxOptions {
  const options: SandboxOptions = {};
  const text = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);
  const port = text('ITB_SANDBOX_PORT');
  if (port !== undefined) {
    if (!/^\d+$/.test(port) || Number(port) > 65_535) fail(`ITB_SANDBOX_PORT must be a port number, got "${port}"`);
    options.port = Number(port);
  }
  const apiKey = text('ITB_SANDBOX_API_KEY');
  if (apiKey !== undefined) options.apiKey = apiKey;
  const strict = text('ITB_SANDBOX_STRICT');
  if (strict !== undefined) {
    if (strict !== 'true' && strict !== 'false') fail('ITB_SANDBOX_STRICT must be true or false');
    options.strict = strict === 'true';
  }
  const latency = text('ITB_SANDBOX_LATENCY_MS');
  if (latency !== undefined) {
    if (!/^\d+$/.test(latency)) fail('ITB_SANDBOX_LATENCY_MS must be a whole number of milliseconds');
    options.latencyMs = Number(latency);
  }
  // The brief's names (ITB_SANDBOX_CLIENT_ID …) and the IdP's longer ITB_SANDBOX_OIDC_* names both work.
  const clientVariables = ['CLIENT_ID', 'CLIENT_SECRET', 'REDIRECT_URIS', 'POST_LOGOUT_REDIRECT_URIS', 'BACKCHANNEL_LOGOUT_URI'] as const;
  if (clientVariables.some((name) => text(`ITB_SANDBOX_${name}`) !== undefined || text(`ITB_SANDBOX_OIDC_${name}`) !== undefined)) {
    const pick = (name: (typeof clientVariables)[number], fallback: string) => text(`ITB_SANDBOX_${name}`) ?? text(`ITB_SANDBOX_OIDC_${name}`) ?? fallback;
    try {
      options.oidcClients = [oidcClientFromEnv({
        ITB_SANDBOX_OIDC_CLIENT_ID: pick('CLIENT_ID', DEFAULT_OIDC_CLIENT.clientId),
        ITB_SANDBOX_OIDC_CLIENT_SECRET: pick('CLIENT_SECRET', DEFAULT_OIDC_CLIENT.clientSecret),
        ITB_SANDBOX_OIDC_REDIRECT_URIS: pick('REDIRECT_URIS', DEFAULT_OIDC_CLIENT.redirectUris.join(',')),
        ITB_SANDBOX_OIDC_POST_LOGOUT_REDIRECT_URIS: pick('POST_LOGOUT_REDIRECT_URIS', (DEFAULT_OIDC_CLIENT.postLogoutRedirectUris ?? []).join(',')),
        ITB_SANDBOX_OIDC_BACKCHANNEL_LOGOUT_URI: pick('BACKCHANNEL_LOGOUT_URI', DEFAULT_OIDC_CLIENT.backchannelLogoutUri ?? ''),
      })];
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  }
  return options;
}

const options = readOptions(process.env);
let sandbox;
try {
  sandbox = await createSandbox(options);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const client = options.oidcClients?.[0] ?? DEFAULT_OIDC_CLIENT;
const persons = TEST_PERSONS.map((p) => {
  const number = p.country === 'SE' ? `${p.personalNumber.slice(0, 8)}-${p.personalNumber.slice(8)}` : `${p.personalNumber.slice(0, 6)} ${p.personalNumber.slice(6)}`;
  return `  ${`${p.givenName} ${p.familyName}`.padEnd(24)} ${number}  (${p.country}, born ${p.birthDate})`;
});
console.log(`ITB sandbox is running${options.strict === true ? ' (strict mode)' : ''}

  FHIR base      ${sandbox.fhirBase}
  System token   POST ${sandbox.systemTokenUrl}  (header X-ApiKey: ${sandbox.apiKey})
  OpenID issuer  ${sandbox.issuer}
  OIDC client    ${client.clientId} / ${client.clientSecret}
                 redirect URIs: ${client.redirectUris.join(', ')}
                 back-channel logout: ${client.backchannelLogoutUri ?? 'none'}
  Registry       FHIR ${sandbox.registry.fhirBase}
                 token POST ${sandbox.registry.tokenUrl}  (client credentials)
                 client ${sandbox.registry.clientId} / ${sandbox.registry.clientSecret}, scope ${sandbox.registry.scope}
  Test knobs     ${sandbox.origin}/_sandbox  (registry: ${sandbox.origin}/_sandbox/registry)

Test persons (fictional) for the test-BankID sign-in:
${persons.join('\n')}
`);

const stop = (signal: string) => {
  console.log(`${signal}: stopping the sandbox`);
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
