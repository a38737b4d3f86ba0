/**
 * An agency embeds the widget on a page whose origin the BFF does not list, or points it at a BFF
 * that is not running. To page JavaScript both are the same TypeError; the widget tells them apart
 * through the BFF's public /healthz and says which in the console and in `itb-error`'s reason,
 * while the patient is not told to check an internet connection that works.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { freePort } from '../scripts/stack-parts.js';
import { stack, startJourney, type Journey } from './support/journey.js';
import { TRANSLATIONS, visible } from './support/widget.js';

const t = TRANSLATIONS.en;
let journey: Journey | undefined;
afterEach(async () => {
  await journey?.close();
  journey = undefined;
});

/** The agency's page: a real server on its own loopback port, so its origin is on no allowlist. */
let agency: Server;
let unlisted = '';
beforeAll(async () => {
  agency = createServer((request, response) => {
    const bff = new URL(request.url ?? '/', 'http://x').searchParams.get('bff') ?? '';
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><title>Agency page</title>
      <script type="module" src="${new URL('/widget/itb-booking.js', stack().demo).href}"></script></head>
      <body><main><h1>Book a visit</h1><itb-booking bff="${bff.replace(/"/g, '')}"></itb-booking></main></body></html>`);
  });
  await new Promise<void>((resolve) => agency.listen(0, '127.0.0.1', resolve));
  unlisted = `http://127.0.0.1:${(agency.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => agency.close(resolve));
});

/** Opens the agency's one-widget page pointing at `bff`, and records what an integrator sees. */
async function embedOnUnlistedPage(name: string, bff: string) {
  journey = await startJourney(name);
  const { page } = journey;
  const consoleErrors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { itbErrors: unknown[] }).itbErrors = seen;
    document.addEventListener('itb-error', (event) => seen.push((event as CustomEvent).detail));
  });
  await page.goto(`${unlisted}/book?bff=${encodeURIComponent(bff)}`);
  const errors = async () => page.evaluate(() => (window as unknown as { itbErrors: { reason: string; operation: string }[] }).itbErrors);
  await expect.poll(async () => (await errors()).length, { timeout: 15_000 }).toBeGreaterThan(0);
  return { page, consoleErrors, errors };
}

it('says the BFF refuses the page origin, and does not blame the patient\'s connection', async () => {
  const { page, consoleErrors, errors } = await embedOnUnlistedPage('integrator-origin-refused', stack().bffPublic);
  expect((await errors())[0]).toMatchObject({ reason: 'origin-not-allowed', operation: 'catalog' });
  await visible(page.locator('itb-booking [part="error"]').getByText(t.reasons['origin-not-allowed']));
  expect(await page.locator('itb-booking').getByText(t.reasons.network).count()).toBe(0);
  await expect.poll(() => consoleErrors.find((line) => line.includes('<itb-booking>'))).toContain(`refuses this page's origin ${unlisted}`);
  expect(consoleErrors.join('\n')).toContain('ITB_ALLOWED_ORIGINS');
  await journey!.step('origin-refused');
});

it('says the BFF cannot be reached when nothing answers at the configured address', async () => {
  // A free port, refused when connected to; not a port the browser blocks by itself (9, 'unsafe').
  const nowhere = `http://localhost:${await freePort()}/booking-api`;
  const { page, consoleErrors, errors } = await embedOnUnlistedPage('integrator-bff-unreachable', nowhere);
  expect((await errors())[0]).toMatchObject({ reason: 'network', operation: 'catalog' });
  await visible(page.locator('itb-booking [part="error"]').getByText(t.reasons.network));
  await expect.poll(() => consoleErrors.find((line) => line.includes('<itb-booking>'))).toContain(`cannot reach the BFF at ${nowhere}`);
});
