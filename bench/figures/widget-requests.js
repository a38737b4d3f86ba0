/**
 * Figure 2: how many requests the built widget sends to the BFF, counted in real Chromium on a page
 * served same-origin with the BFF behind `/booking-api` (the demo server's proxy):
 *   A. from page load until the clinic list shows (and the network has settled);
 *   B. from there, choosing clinic → treatment → "any practitioner" until one week's times show.
 * @module
 */
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const QUIET_MS = 750;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Wait until no BFF request has been in flight for QUIET_MS. */
async function settle(inflight) {
  let quietSince = Date.now();
  while (Date.now() - quietSince < QUIET_MS) {
    if (inflight.size > 0) quietSince = Date.now();
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * @param {{ demoOrigin: string, clinicName: string, treatmentTitle: string }} options names as the
 *   catalog gives them (the radios are labelled with them).
 */
export async function widgetRequests({ demoOrigin, clinicName, treatmentTitle }) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Stockholm', viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    const seen = [];
    const inflight = new Set();
    page.on('request', (request) => {
      const url = new URL(request.url());
      // API calls only: photos (`/booking-api/photos/…`) are lazy images at cacheable URLs, not requests the journey waits on.
      if (url.origin !== demoOrigin || !url.pathname.startsWith('/booking-api/') || url.pathname.startsWith('/booking-api/photos/')) return;
      inflight.add(request);
      seen.push(`${request.method()} ${url.pathname.slice('/booking-api'.length)}`);
    });
    const done = (request) => inflight.delete(request);
    page.on('requestfinished', done);
    page.on('requestfailed', done);

    const root = page.locator('itb-booking');
    await page.goto(`${demoOrigin}/`);
    await root.getByRole('radio', { name: new RegExp(escape(clinicName)) }).first().waitFor({ state: 'visible' });
    await settle(inflight);
    const clinicList = seen.splice(0);

    await root.getByRole('radio', { name: new RegExp(escape(clinicName)) }).first().check();
    await root.getByRole('radio', { name: new RegExp(escape(treatmentTitle)) }).first().check();
    await root.getByRole('button', { name: 'Continue', exact: true }).click();
    await root.getByRole('radio', { name: /Any practitioner/ }).first().check();
    await root.getByRole('button', { name: 'Continue', exact: true }).click();
    await root.locator('[part="time-button"]').first().waitFor({ state: 'visible' });
    await settle(inflight);
    const anyPractitionerWeek = seen.splice(0);
    const times = await root.locator('[part="time-button"]').count();

    const row = (id, figure, list) => ({
      id,
      figure,
      baseline: '—',
      measured: `${list.length} (${summarize(list)})`,
      ratio: '—',
      budget: '1',
      pass: list.length === 1,
      values: { requests: list },
    });
    return [
      row('widget-requests-clinics', 'widget→BFF requests: clinic list', clinicList),
      { ...row('widget-requests-any-week', 'widget→BFF requests: any-practitioner week', anyPractitionerWeek), values: { requests: anyPractitionerWeek, timesShown: times } },
    ];
  } finally {
    await browser.close();
  }
}

function summarize(list) {
  const counts = new Map();
  for (const entry of list) {
    const short = entry.replace(/\?.*$/, '');
    counts.set(short, (counts.get(short) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k)).join(', ') || 'none';
}
