// The whole cross-site sign-in in real Chromium, at the cookie level: a clinic page on the
// top-level site 127.0.0.1 signs in through the BFF's popup on the site localhost, claims the
// hand-off with a fetch, and from then on its fetches carry the session, while a page on a third
// site (127.0.0.2) does not see it: the cookie is partitioned under the clinic's site.
import { createServer, type Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/bff-test-env.test-support.js';
import { startPatientEnv, type PatientEnv } from '../../test/patient-env.test-support.js';

const CHROME = process.env['CHROME_PATH'] ?? '/usr/bin/chromium';
const ALVA = '198503149828';

let browser: Browser;
let env: PatientEnv;
const pages: Server[] = [];
let clinicOrigin = '';
let thirdOrigin = '';

/** A plain page with one button that opens the login popup (a click, as a patient would). */
async function servePage(host: string): Promise<string> {
  const port = await freePort();
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="en"><head><title>clinic</title></head><body><button id="login">Sign in</button></body></html>');
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  pages.push(server);
  return `http://${host}:${port}`;
}

beforeAll(async () => {
  clinicOrigin = await servePage('127.0.0.1');
  thirdOrigin = await servePage('127.0.0.2');
  env = await startPatientEnv({ env: { ITB_COOKIE_MODE: 'cross-site', ITB_ALLOWED_ORIGINS: `${clinicOrigin},${thirdOrigin}` } });
  browser = await chromium.launch({
    executablePath: CHROME,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterAll(async () => {
  await browser?.close();
  await env?.close();
  await Promise.all(pages.map((server) => new Promise((resolve) => server.close(resolve))));
});

interface PageAnswer { status: number; body: unknown }

// Page scripts are source text: this package is type-checked without the DOM library.
/** Run the function `source` in the page with `arg` (JSON). */
function inPage<T>(page: Page, source: string, arg: unknown): Promise<T> {
  return page.evaluate(`(${source})(${JSON.stringify(arg)})`) as Promise<T>;
}

/** `fetch` from inside the page (credentials included, as the widget does). */
function pageFetch(page: Page, url: string, init: Record<string, unknown> = {}): Promise<PageAnswer> {
  return inPage(page, `async ([url, init]) => {
    const response = await fetch(url, { credentials: 'include', ...init });
    return { status: response.status, body: response.status === 204 ? null : await response.json() };
  }`, [url, init]);
}

/** The widget's part, done in the page: a claim, its hash in the login URL, a button opening the popup. */
const PREPARE_LOGIN = `async ([bffUrl, returnTo]) => {
  const b64 = (data) => btoa(String.fromCharCode(...data)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  const secret = b64(crypto.getRandomValues(new Uint8Array(32)));
  const hash = b64(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))));
  window.loginMessage = new Promise((resolve) => {
    window.addEventListener('message', (event) => { if (event.origin === new URL(bffUrl).origin) resolve(event.data); });
  });
  const url = bffUrl + '/auth/login?' + new URLSearchParams({ returnTo, mode: 'popup', claimHash: hash }).toString();
  document.getElementById('login').addEventListener('click', () => { window.open(url, 'itb-login', 'popup,width=520,height=720'); });
  return secret;
}`;

describe('cross-site sign-in in Chromium', () => {
  it('the claim files the session under the clinic site; a third site and the BFF\'s own site do not see it', async () => {
    const bff = env.bff.baseUrl;
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${clinicOrigin}/`);
      const claim = await inPage<string>(page, PREPARE_LOGIN, [bff, `${clinicOrigin}/`]);
      const popupOpened = context.waitForEvent('page');
      await page.click('#login');
      const popup = await popupOpened;
      await popup.fill('[data-testid="personal-number-input"]', ALVA);
      await popup.click('[data-testid="personal-number-submit"]');
      const message = await inPage<{ type: string; ok: boolean; handoff?: string }>(page, '() => window.loginMessage', null);
      expect(message).toMatchObject({ type: 'itb-login', ok: true });
      expect(message.handoff).toMatch(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);

      // Before the claim the clinic page is signed out: the callback set no cookie anywhere useful.
      expect(await pageFetch(page, `${bff}/auth/session`)).toEqual({ status: 200, body: { signedIn: false } });
      const claimed = await pageFetch(page, `${bff}/auth/session/claim`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-ITB-CSRF': '1' },
        body: JSON.stringify({ handoff: message.handoff, claim }),
      });
      expect(claimed.status).toBe(204);
      expect(await pageFetch(page, `${bff}/auth/session`)).toMatchObject({ status: 200, body: { signedIn: true, name: 'Alva Andersson' } });
      expect((await pageFetch(page, `${bff}/fhir/Patient/me`)).status).toBe(200);

      // Same browser, another top-level site: its partition has no session.
      const third = await context.newPage();
      await third.goto(`${thirdOrigin}/`);
      expect(await pageFetch(third, `${bff}/auth/session`)).toEqual({ status: 200, body: { signedIn: false } });
      // Nor does the BFF's own site at top level (the hand-off never set a cookie there).
      const own = await context.newPage();
      const response = await own.goto(`${bff}/auth/session`);
      expect(await response?.json()).toEqual({ signedIn: false });
    } finally {
      await context.close();
    }
  });
});
