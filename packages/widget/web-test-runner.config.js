// Component tests in real Chromium against the REAL BFF and sandbox (built packages), both started
// here on ephemeral ports. The BFF is served to the test page same-origin under /booking-api by a
// small proxy in front of the dev server, exactly as an agency deploys it, so its session cookie is first-party.
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { bffProxy } from './test-support/bff-proxy.js';
import { commandsPlugin } from './test-support/commands.js';
import { countReporter } from './test-support/count-reporter.js';
import { reactEsmPlugin } from './test-support/react-esm.js';
import { OIDC_CLIENT, bffEnvFor, freePort } from '../../scripts/stack-parts.js';

const { createSandbox, loginWithTestBankId, createTestCookieJar } = await import('../sandbox/dist/index.js');
const { createBff, parseConfig } = await import('../bff/dist/index.js');

const PREFIX = '/booking-api';

const port = await freePort();
const origin = `http://localhost:${port}`;
const publicUrl = `${origin}${PREFIX}`;
const work = mkdtempSync(join(tmpdir(), 'itb-wtr-'));
const campaignsFile = join(work, 'campaigns.json');
writeFileSync(campaignsFile, JSON.stringify([
  { code: 'SPRING26', tag: 'SPRING26', message: { sv: 'Vårkampanj!', nb: 'Vårkampanje!', en: 'Spring offer!' } },
  { code: 'WINTER25', tag: 'SPRING26', validFrom: '2025-01-01T00:00:00+01:00', validTo: '2025-02-28T23:59:59+01:00' },
]));

const sandbox = await createSandbox({ port: 0, oidcClients: [{ ...OIDC_CLIENT, redirectUris: [`${publicUrl}/auth/callback`] }] });
const bffConfig = parseConfig(bffEnvFor(sandbox, {
  publicUrl,
  allowedOrigins: [origin],
  overrides: {
    ITB_BFF_PORT: '0',
    ITB_BFF_HOST: 'localhost',
    ITB_CAMPAIGNS_FILE: campaignsFile,
    ITB_FIND_TTL_SECONDS: '0',
    ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000',
    ITB_RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    // Every test runs from this one address, far faster than a patient clicks.
    ITB_RATE_LIMIT_FIND_PER_MINUTE: '100000',
    ITB_RATE_LIMIT_CATALOG_PER_MINUTE: '100000',
    ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE: '100000',
    ITB_TRUST_PROXY: '127.0.0.1,::1',
    ITB_LOG_LEVEL: 'silent',
  },
}));
const bff = await createBff(bffConfig);
await bff.listen({ port: 0, host: 'localhost' });
const bffAddress = bff.server.address();
const bffUrl = new URL(bffAddress.family === 'IPv6' ? `http://[${bffAddress.address}]:${bffAddress.port}` : `http://${bffAddress.address}:${bffAddress.port}`);
const proxy = bffProxy({ prefix: PREFIX, target: bffUrl });
// A second real BFF that runs but does not allow the test page's origin: what an integrator meets
// when ITB_ALLOWED_ORIGINS lacks their site (the widget must say so, not blame the connection).
const refusing = await createBff(parseConfig(bffEnvFor(sandbox, {
  publicUrl: 'http://localhost:4999',
  allowedOrigins: ['https://another-clinic.example'],
  overrides: { ITB_BFF_PORT: '0', ITB_BFF_HOST: 'localhost', ITB_LOG_LEVEL: 'silent' },
})));
await refusing.listen({ port: 0, host: 'localhost' });
const refusingBff = `http://localhost:${refusing.server.address().port}`;
// A port nothing listens on, for a BFF that cannot be reached: the browser's connection is refused.
// (Not a well-known port such as 9: Chromium blocks those itself, ERR_UNSAFE_PORT, before connecting.)
const unreachableBff = `http://localhost:${await freePort()}/booking-api`;

async function shutdown() {
  proxy.close();
  await bff.close().catch(() => {});
  await refusing.close().catch(() => {});
  await sandbox.close().catch(() => {});
  rmSync(work, { recursive: true, force: true });
}

const chromeArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export default {
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
  // `*.unit.test.ts` are the DOM-free state modules' tests: vitest runs them in Node (root vitest.config.ts).
  files: [fileURLToPath(new URL('src/**/*.test.ts', import.meta.url)), `!${fileURLToPath(new URL('src/**/*.unit.test.ts', import.meta.url))}`],
  port,
  hostname: 'localhost',
  // Lit's production build: its dev build logs a warning in every test file.
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testsFinishTimeout: 170_000,
  testFramework: { config: { timeout: 20_000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: chromeArgs } })],
  plugins: [
    proxy.plugin,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('tsconfig.json', import.meta.url)) }),
    reactEsmPlugin(),
    commandsPlugin({ sandbox, origin, prefix: PREFIX, loginWithTestBankId, createTestCookieJar }),
    { name: 'itb-stack-shutdown', serverStop: shutdown },
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
    <body><script>window.ITB_TEST = ${JSON.stringify({ bff: PREFIX, sandboxOrigin: sandbox.origin, refusingBff, unreachableBff })};</script>
    <script type="module" src="${testFramework}"></script></body></html>`,
  reporters: [defaultReporter(), countReporter(process.env.ITB_WTR_REPORT)].filter(Boolean),
};
