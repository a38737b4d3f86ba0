/**
 * An agency pins the widget to one release and lets the browser check it (Subresource Integrity),
 * serving the build from a CDN on another origin: dist/itb-booking-<version>.iife.js with the hash
 * from dist/integrity.json and crossorigin="anonymous" defines <itb-booking>, which shows the
 * clinics; the same tag with a wrong hash is refused and the element never defines. The pinned ES
 * module runs as well, and its chunks import the pinned entry, never the unversioned one (which
 * would be a second copy of every module, and on a CDN the newest release's).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCdnServer, type CdnServer } from './support/cdn-server.js';
import { hostDocument, openHostPage, type HostPage } from './support/host-page.js';
import { sharedBrowser, stack } from './support/journey.js';
import { REPO, reachableBundles } from './support/release.js';
import { TRANSLATIONS, widgetOn } from './support/widget.js';

const WIDGET = join(REPO, 'packages/widget');
const DIST = join(WIDGET, 'dist');
const { version } = JSON.parse(readFileSync(join(WIDGET, 'package.json'), 'utf8')) as { version: string };
const PINNED = { es: `itb-booking-${version}.js`, iife: `itb-booking-${version}.iife.js` };
const sri = (file: string): string => `sha384-${createHash('sha384').update(readFileSync(join(DIST, file))).digest('base64')}`;

let cdn: CdnServer;
let host: HostPage | undefined;
beforeAll(async () => { cdn = await startCdnServer(DIST); });
afterAll(async () => {
  await host?.close();
  await cdn.close();
});

/** A clinic page at the demo's origin holding `script` and the element, the widget from the CDN. */
async function openClinicPage(name: string, script: string): Promise<HostPage> {
  await host?.close();
  host = await openHostPage(await sharedBrowser(), new URL(`/${name}.html`, stack().demo).href, hostDocument(script, `<itb-booking bff="${stack().bffPublic}"></itb-booking>`));
  return host;
}

it('the build wrote both pinned files beside the unversioned ones, with their sha384 hashes in integrity.json', () => {
  const integrity = JSON.parse(readFileSync(join(DIST, 'integrity.json'), 'utf8')) as { version: string; files: Record<string, string> };
  expect(integrity.version).toBe(version);
  expect(integrity.files).toEqual({ [PINNED.es]: sri(PINNED.es), [PINNED.iife]: sri(PINNED.iife) });
  // The classic script is the unversioned one but for the name of its source map.
  const withoutMap = (file: string) => readFileSync(join(DIST, file), 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '');
  expect(withoutMap(PINNED.iife)).toBe(withoutMap('itb-booking.iife.js'));
  // The pinned module's chunks import the pinned entry only.
  const loaded = reachableBundles(WIDGET, [`dist/${PINNED.es}`]);
  expect(loaded.size).toBeGreaterThan(3);
  expect([...loaded]).not.toContain('dist/itb-booking.js');
});

it('the pinned classic script, with its integrity and crossorigin, defines <itb-booking>, which shows the clinics', async () => {
  const before = cdn.requested.length;
  const { page } = await openClinicPage('pinned-classic', `<script src="${cdn.origin}/${PINNED.iife}" integrity="${sri(PINNED.iife)}" crossorigin="anonymous"></script>`);
  await page.waitForFunction(() => customElements.get('itb-booking') !== undefined);
  await page.locator('itb-booking').getByRole('radio', { name: /Stockholm City/ }).waitFor({ state: 'visible' });
  // Everything is in the one checked file.
  expect(cdn.requested.slice(before)).toEqual([`/${PINNED.iife}`]);
});

it('the pinned classic script with a wrong hash is refused: an error event, the integrity failure in the console, and no <itb-booking>', async () => {
  const before = cdn.requested.length;
  const wrong = sri(PINNED.es);
  const { page, console } = await openClinicPage('pinned-wrong-hash', `<script src="${cdn.origin}/${PINNED.iife}" integrity="${wrong}" crossorigin="anonymous" onerror="document.documentElement.dataset.widgetRefused = 'yes'"></script>`);
  await page.locator('html[data-widget-refused="yes"]').waitFor({ state: 'attached' });
  // Fetched, then blocked: the hash, not a missing file, stopped it.
  expect(cdn.requested.slice(before)).toEqual([`/${PINNED.iife}`]);
  await expect.poll(() => console.join('\n')).toMatch(/integrity.*blocked/is);
  expect(await page.evaluate(() => customElements.get('itb-booking') === undefined && document.querySelector('itb-booking')?.shadowRoot === null)).toBe(true);
});

it('the pinned ES module, with its integrity, loads its later steps from the chunks beside it and never the unversioned entry', async () => {
  const before = cdn.requested.length;
  const { page } = await openClinicPage('pinned-module', `<script type="module" src="${cdn.origin}/${PINNED.es}" integrity="${sri(PINNED.es)}" crossorigin="anonymous"></script>`);
  const w = widgetOn(page, TRANSLATIONS.sv);
  await w.chooseClinic(/Stockholm City/);
  await w.chooseTreatment(/^Undersökning/);
  await w.continue();
  // The practitioner step, or the time step when the offer has one practitioner: either is a chunk.
  await w.practitionerStepShown();
  const requested = cdn.requested.slice(before);
  expect(requested[0]).toBe(`/${PINNED.es}`);
  expect(requested.some((path) => /^\/itb-(practitioner|time)-step-[\w-]{8}\.js$/.test(path))).toBe(true);
  expect(requested).not.toContain('/itb-booking.js');
});
