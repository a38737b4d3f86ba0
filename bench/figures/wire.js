/**
 * The `wire` group (issue 14): what a patient's phone downloads and waits for, in real Chromium on
 * the demo site's English start page (its HTML, CSS and images, the built widget and its chunks,
 * the BFF's answers through the demo's same-origin `/booking-api` proxy), at 375×812 with the cache
 * off. Throttled runs use CDP: "Slow 4G" as the issue states it (150 ms round trip, 1.6 Mbps down,
 * 750 kbps up, applied per request by Chromium) and a 4× CPU slowdown.
 *
 * "Clinic list shows" is the moment a clinic radio is rendered visible in the widget's shadow DOM;
 * "times show" the moment a time button is. The page itself marks both, polling once per frame, and
 * Continue is timed from its click event's timeStamp, so no Node round trip is in the figures.
 * Bytes are `Network.loadingFinished` encodedDataLength (headers and body as received) of every
 * response that had arrived by the mark (lib/wire-bytes.js).
 * @module
 */
import { chromium } from 'playwright-core';
import { createDemoServer } from '../../demo/server.js';
import { bytesUntil, median, monotonicOf } from '../lib/wire-bytes.js';

const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const CPU_SLOWDOWN = 4;
const THROTTLED_RUNS = 5;
const UNTHROTTLED_RUNS = 3;
const BUDGET = { clinicBytes: 50 * 1024, timesBytes: 80 * 1024, clinicMs: 1000, continueMs: 400 };

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${Math.round(value).toLocaleString('en')} ms`;

/**
 * In the page: the wall-clock time once an element matching `selector` is rendered visible anywhere
 * in the (nested) shadow DOM, else false. Runs once per animation frame.
 */
function shownAt(selector) {
  const find = (root) => {
    for (const el of root.querySelectorAll(selector)) if (el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0) return true;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot && find(el.shadowRoot)) return true;
    return false;
  };
  return find(document) ? performance.timeOrigin + performance.now() : false;
}

/** One patient's first visit: page → clinic list → clinic, treatment, Continue → "any" → Continue → times. */
async function visit(browser, { url, clinicName, treatmentTitle, throttled }) {
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Stockholm', viewport: { width: 375, height: 812 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  context.setDefaultTimeout(30_000);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const requests = new Map();
    const finished = [];
    let anchor;
    cdp.on('Network.requestWillBeSent', (event) => {
      requests.set(event.requestId, { url: event.request.url, type: event.type });
      if (anchor === undefined && event.type === 'Document') anchor = { timestamp: event.timestamp, wallTime: event.wallTime };
    });
    cdp.on('Network.loadingFinished', (event) => {
      const request = requests.get(event.requestId);
      finished.push({ url: request?.url ?? '?', type: request?.type, timestamp: event.timestamp, encodedDataLength: event.encodedDataLength });
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled) {
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    }

    await page.goto(url, { waitUntil: 'commit' });
    const clinicAt = await (await page.waitForFunction(shownAt, 'input[type="radio"][name="clinic"]', { polling: 'raf' })).jsonValue();
    const navigationStart = await page.evaluate(() => performance.timeOrigin);

    const root = page.locator('itb-booking');
    await root.getByRole('radio', { name: new RegExp(escape(clinicName)) }).first().check();
    await root.getByRole('radio', { name: new RegExp(escape(treatmentTitle)) }).first().check();
    await root.getByRole('button', { name: 'Continue', exact: true }).click();
    await root.getByRole('radio', { name: /Any practitioner/ }).first().check();
    await page.evaluate(() => {
      document.addEventListener('click', (event) => { window.__wireContinueAt = performance.timeOrigin + event.timeStamp; }, { capture: true, once: true });
    });
    await root.getByRole('button', { name: 'Continue', exact: true }).click();
    const timesAt = await (await page.waitForFunction(shownAt, '[part="time-button"]', { polling: 'raf' })).jsonValue();
    const continueAt = await page.evaluate(() => window.__wireContinueAt);
    if (anchor === undefined) throw new Error('no document request seen');

    const clinic = bytesUntil(finished, monotonicOf(clinicAt, anchor));
    const times = bytesUntil(finished, monotonicOf(timesAt, anchor));
    // When each response arrived, in ms after the document was requested: where a slow figure's time went.
    const sinceDocument = (timestamp) => Math.round((timestamp - anchor.timestamp) * 1000);
    const timeline = finished.map((entry) => ({ path: entry.url.replace(/^https?:\/\/[^/]+/, '').slice(0, 80), type: entry.type, bytes: entry.encodedDataLength, atMs: sinceDocument(entry.timestamp) }));
    return {
      clinicMs: clinicAt - navigationStart,
      marks: { clinicListAtMs: sinceDocument(monotonicOf(clinicAt, anchor)), continueAtMs: sinceDocument(monotonicOf(continueAt, anchor)), timesAtMs: sinceDocument(monotonicOf(timesAt, anchor)) },
      timeline,
      continueMs: timesAt - continueAt,
      clinicBytes: clinic.bytes,
      timesBytes: times.bytes,
      clinic,
      times,
    };
  } finally {
    await context.close();
  }
}

/** `runs` visits; the median of each figure, plus every run for results.json. */
async function visits(browser, options, runs) {
  const all = [];
  for (let i = 0; i < runs; i += 1) all.push(await visit(browser, options));
  const pick = (key) => median(all.map((run) => run[key]));
  return { clinicMs: pick('clinicMs'), continueMs: pick('continueMs'), clinicBytes: pick('clinicBytes'), timesBytes: pick('timesBytes'), runs: all };
}

/**
 * @param {{ bffUrl: string, clinicName: string, treatmentTitle: string }} options the BFF the demo
 *   proxies to; names as the catalog gives them (the radios are labelled with them).
 */
export async function wireFigures({ bffUrl, clinicName, treatmentTitle }) {
  // The real demo site (not the bench's bare page): "all-in" includes what a clinic page brings.
  const demo = createDemoServer({ bff: bffUrl });
  const port = await demo.listen(0);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  try {
    const options = { url: `http://localhost:${port}/en/`, clinicName, treatmentTitle };
    // One unmeasured visit: the BFF's catalog cache fills, as it is on any site with visitors.
    await visit(browser, { ...options, throttled: false });
    const slow = await visits(browser, { ...options, throttled: true }, THROTTLED_RUNS);
    const fast = await visits(browser, { ...options, throttled: false }, UNTHROTTLED_RUNS);
    const how = `median of ${THROTTLED_RUNS}, Slow 4G + ${CPU_SLOWDOWN}× CPU`;
    const breakdown = (run) => Object.entries(run.byType).map(([type, bytes]) => `${type} ${kb(bytes)}`).join(', ');
    const middle = slow.runs.find((run) => run.clinicBytes === slow.clinicBytes) ?? slow.runs[0];
    return [
      {
        id: 'wire-bytes-clinic-list', figure: 'bytes on the wire until the clinic list shows', baseline: 'issue 14: 287 KB',
        measured: `${kb(slow.clinicBytes)} (${middle.clinic.requests} responses: ${breakdown(middle.clinic)})`, ratio: `${(slow.clinicBytes / BUDGET.clinicBytes).toFixed(2)}× budget`,
        budget: `≤ ${kb(BUDGET.clinicBytes)}`, pass: slow.clinicBytes <= BUDGET.clinicBytes,
        values: { how, ...pick(slow, 'clinicBytes'), medianRun: { marks: middle.marks, timeline: middle.timeline } },
      },
      {
        id: 'wire-bytes-first-times', figure: 'bytes on the wire until the first times show', baseline: 'issue 14: 372 KB',
        measured: `${kb(slow.timesBytes)} (${middle.times.requests} responses: ${breakdown(middle.times)})`, ratio: `${(slow.timesBytes / BUDGET.timesBytes).toFixed(2)}× budget`,
        budget: `≤ ${kb(BUDGET.timesBytes)}`, pass: slow.timesBytes <= BUDGET.timesBytes, values: { how, ...pick(slow, 'timesBytes') },
      },
      {
        id: 'wire-clinic-list-slow', figure: `navigation → clinic list (Slow 4G, ${CPU_SLOWDOWN}× CPU)`, baseline: 'issue 14: 2,345 ms',
        measured: ms(slow.clinicMs), ratio: `${(slow.clinicMs / BUDGET.clinicMs).toFixed(2)}× budget`,
        budget: `≤ ${ms(BUDGET.clinicMs)}`, pass: slow.clinicMs <= BUDGET.clinicMs, values: { how, ...pick(slow, 'clinicMs') },
      },
      {
        id: 'wire-continue-times-slow', figure: `Continue ("any practitioner") → times (Slow 4G, ${CPU_SLOWDOWN}× CPU)`, baseline: 'issue 14: 952 ms',
        measured: ms(slow.continueMs), ratio: `${(slow.continueMs / BUDGET.continueMs).toFixed(2)}× budget`,
        budget: `≤ ${ms(BUDGET.continueMs)}`, pass: slow.continueMs <= BUDGET.continueMs, values: { how, ...pick(slow, 'continueMs') },
      },
      {
        id: 'wire-unthrottled', figure: 'unthrottled: navigation → clinic list; Continue → times', baseline: 'issue 14: 450 ms; 109 ms',
        measured: `${ms(fast.clinicMs)}; ${ms(fast.continueMs)}`, ratio: '—', budget: 'information', pass: true, informative: true,
        values: { how: `median of ${UNTHROTTLED_RUNS}, no throttling`, clinicMs: fast.clinicMs, continueMs: fast.continueMs, runs: fast.runs.map(({ clinicMs, continueMs, clinicBytes, timesBytes }) => ({ clinicMs, continueMs, clinicBytes, timesBytes })) },
      },
    ];
  } finally {
    await browser.close();
    await demo.close();
  }
}

/** A figure's median and every run's value of it, for results.json. */
function pick(result, key) {
  return { median: result[key], runs: result.runs.map((run) => run[key]) };
}
