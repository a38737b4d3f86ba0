#!/usr/bin/env node
/**
 * `npm run sandbox` / `itb-sandbox`: environment → options → listen; prints the URLs, the API key,
 * the OIDC client and the test persons. The only place that reads `process.env`.
 *
 * ITB_SANDBOX_PORT, ITB_SANDBOX_API_KEY, ITB_SANDBOX_CLIENT_ID, ITB_SANDBOX_CLIENT_SECRET,
 * ITB_SANDBOX_REDIRECT_URIS (comma list), ITB_SANDBOX_STRICT (true/false), ITB_SANDBOX_LATENCY_MS.
 * @module
 */
import { createSandbox } from './create-sandbox.js';
import { DEFAULT_OIDC_CLIENT, type SandboxOptions } from './options.js';
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
  const clientId = text('ITB_SANDBOX_CLIENT_ID');
  const clientSecret = text('ITB_SANDBOX_CLIENT_SECRET');
  const redirects = text('ITB_SANDBOX_REDIRECT_URIS');
  if (clientId !== undefined || clientSecret !== undefined || redirects !== undefined) {
    const redirectUris = redirects === undefined ? DEFAULT_OIDC_CLIENT.redirectUris : redirects.split(',').map((u) => u.trim()).filter(Boolean);
    for (const uri of redirectUris) {
      if (!URL.canParse(uri)) fail(`ITB_SANDBOX_REDIRECT_URIS: "${uri}" is not a URL`);
    }
    options.oidcClients = [{ clientId: clientId ?? DEFAULT_OIDC_CLIENT.clientId, clientSecret: clientSecret ?? DEFAULT_OIDC_CLIENT.clientSecret, redirectUris }];
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
  Test knobs     ${sandbox.origin}/_sandbox

Test persons (fictional) for the test-BankID sign-in:
${persons.join('\n')}
`);

const stop = (signal: string) => {
  console.log(`${signal}: stopping the sandbox`);
  sandbox.close().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
