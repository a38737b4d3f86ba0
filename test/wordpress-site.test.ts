/**
 * The WordPress plugin's home (issue 19): a real WordPress 6.1 (Debian's) on MariaDB, served by
 * `php -S` behind a front door that also serves the BFF at /booking-api, one origin for both.
 * First the bare site, then the plugin as a site owner sets it up: installed from the built zip,
 * shortcodes on pages (the widget script once per page, and only where a widget is), and Settings
 * → ITB Booking's Test connection for each set-up mistake it must name.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/stack-parts.js';
import { startBff, type RunningBff } from './support/booking-backend.js';
import { sharedBrowser } from './support/journey.js';
import { stepTimings } from './support/step-timings.js';
import { startWordPressSite, type WordPressSite } from './support/wordpress.js';
import { PLUGIN_FILE, SETTINGS_PAGE, installItbBooking, saveSettings, signInToWpAdmin, widgetElements, widgetScripts } from './support/wordpress-plugin.js';

const timings = stepTimings('wordpress-site');
let site: WordPressSite;

beforeAll(async () => {
  site = await timings.timed('site up', () => startWordPressSite({ timed: timings.timed }));
}, 120_000);

afterAll(async () => {
  await site?.stop();
  timings.write();
});

it('installs WordPress and serves its front page through the front door, with links on the front door\'s origin', async () => {
  const answer = await fetch(`${site.origin}/`);
  expect(answer.status).toBe(200);
  const html = await answer.text();
  expect(html).toContain('Fjordvik Tandvård');
  expect(html).toContain(`${site.origin}/wp-includes/`);
  // php -S's own address never shows: WordPress builds every URL from its home URL.
  const otherPorts = [...html.matchAll(/\/\/(?:127\.0\.0\.1|localhost):(\d+)/g)].map((m) => m[1]).filter((p) => p !== new URL(site.origin).port);
  expect(otherPorts).toEqual([]);
});

it('serves the wp-admin login page, and sends wp-admin/ there when nobody is signed in', async () => {
  const login = await fetch(`${site.origin}/wp-login.php`);
  expect(login.status).toBe(200);
  expect(await login.text()).toContain('name="log"');
  const admin = await fetch(`${site.origin}/wp-admin/`, { redirect: 'manual' });
  expect(admin.status).toBe(302);
  expect(admin.headers.get('location')).toBe(`${site.origin}/wp-login.php?redirect_to=${encodeURIComponent(`${site.origin}/wp-admin/`)}&reauth=1`);
});

it('answers /booking-api/readyz from the BFF through the same origin', async () => {
  const answer = await fetch(`${site.bffPublic}/readyz`);
  expect(answer.status).toBe(200);
});

it('runs PHP inside the site: a page made with wp_insert_post is served at its permalink', async () => {
  const page = await site.createPage('Boka tid', '<p>Välkommen</p>');
  expect(page.url).toBe(`${site.origin}/?page_id=${page.id}`);
  const answer = await fetch(page.url);
  expect(answer.status).toBe(200);
  expect(await answer.text()).toContain('Välkommen');
});

describe('the plugin, as a site owner sets it up', () => {
  let context: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    await timings.timed('plugin installed', () => installItbBooking(site, { bff_url: '/booking-api' }));
    context = await (await sharedBrowser()).newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    admin = await signInToWpAdmin(context, site);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
  });

  it('is active after WordPress unzipped and activated the built zip', async () => {
    expect(await site.runPhp(`require_once ABSPATH . 'wp-admin/includes/plugin.php'; echo is_plugin_active('${PLUGIN_FILE}') ? 'active' : 'inactive';`)).toBe('active');
  });

  it('renders [itb_booking] as <itb-booking> with the BFF URL, and loads the widget script once, in the footer, only where a widget is', async () => {
    const one = await site.createPage('Boka tid', '[itb_booking]');
    const two = await site.createPage('Två kliniker', '[itb_booking clinic="hs-stockholm-city"]\n\n[itb_booking view="my-bookings" locale="nb"]');
    const none = await site.createPage('Om oss', '<p>Ingen bokning här.</p>');
    const [oneHtml, twoHtml, noneHtml] = await Promise.all([one, two, none].map(async (page) => (await fetch(page.url)).text()));

    expect(widgetElements(oneHtml!)).toEqual([expect.objectContaining({ bff: '/booking-api' })]);
    const [src, ...more] = widgetScripts(oneHtml!);
    expect(more).toEqual([]);
    // In the footer: after the element, so nothing waits for the script to render the page.
    expect(oneHtml!.indexOf('itb-booking-widget-js')).toBeGreaterThan(oneHtml!.indexOf('<itb-booking '));

    const [first, second] = widgetElements(twoHtml!);
    expect(first).toMatchObject({ bff: '/booking-api', clinic: 'hs-stockholm-city' });
    expect(second).toMatchObject({ bff: '/booking-api', view: 'my-bookings', locale: 'nb' });
    expect(widgetScripts(twoHtml!)).toEqual([src]);

    expect(widgetElements(noneHtml!)).toEqual([]);
    expect(widgetScripts(noneHtml!)).toEqual([]);

    // The script it points at is the widget, served from the plugin's folder through the front door.
    expect(src).toMatch(new RegExp(`^${site.origin}/wp-content/plugins/itb-booking/assets/itb-booking\\.iife\\.js\\?ver=`));
    const script = await fetch(src!);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('itb-booking');
  });

  /** Press Test connection on the settings page; the notice it leaves there. */
  async function testConnection(): Promise<string> {
    await admin.goto(`${site.origin}${SETTINGS_PAGE}`);
    const result = admin.locator('.notice[role="status"]');
    expect(await result.count()).toBe(0);
    await admin.getByRole('button', { name: 'Test connection' }).click();
    await result.waitFor();
    return result.innerText();
  }

  /** Type `bffUrl` into the settings form and save it, as a site owner does. */
  async function saveBffUrlInForm(bffUrl: string): Promise<void> {
    await admin.goto(`${site.origin}${SETTINGS_PAGE}`);
    await admin.locator('[name="itb_booking_settings[bff_url]"]').fill(bffUrl);
    await admin.getByRole('button', { name: 'Save Changes' }).click();
    await admin.getByText('Settings saved.').waitFor();
    expect(await admin.locator('[name="itb_booking_settings[bff_url]"]').inputValue()).toBe(bffUrl);
  }

  it('Test connection: a BFF under the site\'s own /booking-api that allows the site is ready', async () => {
    const notice = await testConnection();
    expect(notice).toContain('ready');
    expect(notice).not.toContain('not allowed');
  });

  it('Test connection: a BFF that does not allow the site says so and names the site\'s origin', async () => {
    // Another BFF on the same sandbox, set up for another site only.
    const port = await freePort();
    const other: RunningBff = await startBff(site.sandbox, {
      publicUrl: `http://127.0.0.1:${port}`,
      allowedOrigins: ['https://other.example'],
      overrides: { ITB_BFF_PORT: String(port) },
    });
    try {
      await saveBffUrlInForm(other.url);
      const notice = await testConnection();
      expect(notice).toContain('not allowed');
      expect(notice).toContain(site.origin);
    } finally {
      await other.close();
      await saveSettings(site, { bff_url: '/booking-api' });
    }
  });

  it('Test connection: a BFF URL where nothing listens cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    try {
      await saveBffUrlInForm(closed);
      const notice = await testConnection();
      expect(notice).toContain('cannot be reached');
      expect(notice).toContain(closed);
    } finally {
      await saveSettings(site, { bff_url: '/booking-api' });
    }
  });

  it('keeps Settings → ITB Booking to administrators: an Editor is turned away', async () => {
    const user = await site.createUser('clinic-editor', 'editor');
    const editorContext = await (await sharedBrowser()).newContext();
    try {
      const page = await signInToWpAdmin(editorContext, site, user);
      const answer = await page.goto(`${site.origin}${SETTINGS_PAGE}`);
      expect(answer?.status()).toBe(403);
      expect(await page.locator('[name="itb_booking_settings[bff_url]"]').count()).toBe(0);
    } finally {
      await editorContext.close();
    }
  });

  it('left nothing in debug.log: no PHP notice, warning or error (WordPress 6.1\'s own PHP 8.2 deprecations aside)', () => {
    expect(site.debugLog()).toEqual([]);
  });
});
