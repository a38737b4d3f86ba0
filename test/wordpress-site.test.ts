/**
 * The WordPress plugin's home (issue 19): a real WordPress 6.1 (Debian's) on MariaDB, served by
 * `php -S` behind a front door that also serves the BFF at /booking-api, one origin for both.
 * These checks hold for the bare site; the plugin's own journeys build on the same harness.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stepTimings } from './support/step-timings.js';
import { startWordPressSite, type WordPressSite } from './support/wordpress.js';

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
