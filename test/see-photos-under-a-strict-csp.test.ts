/**
 * A clinic site with a strict Content-Security-Policy — no `data:` images, no other origins — shows
 * the clinic and practitioner photos: they come as images from the BFF under the site's own origin
 * (`/booking-api/photos/…`), not as base64 `data:` URLs, and nothing the widget does is refused.
 * The demo page is served as it is, with its CSP header replaced by the one the README documents.
 */
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { startJourney, stack, type Journey } from './support/journey.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;

/** The CSP the README's embed section gives for a same-site BFF (the widget and the BFF on the site's origin). */
const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

/** Every CSP violation the page reports (the event is composed, so shadow-DOM images reach the document). */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => { seen.push(`${event.effectiveDirective} ${event.blockedURI}`); }, true);
  });
  return () => page.evaluate(() => [...(window as unknown as { cspViolations: string[] }).cspViolations]);
}

/** Each photo scrolled to (they load lazily), loaded and decoded from the BFF's photo route. */
async function expectPhotosLoaded(photos: Locator): Promise<number> {
  const count = await photos.count();
  for (let i = 0; i < count; i += 1) {
    const photo = photos.nth(i);
    await photo.scrollIntoViewIfNeeded();
    // decode() settles once the image has loaded and decoded, and rejects when it could not.
    const loaded = await photo.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      return { src: img.currentSrc, naturalWidth: img.naturalWidth };
    });
    expect(loaded.src).toMatch(new RegExp(`^${stack().demo}/booking-api/photos/(clinic|practitioner)/[^?]+\\?v=[\\w-]+&w=(64|128)$`));
    expect(loaded.naturalWidth).toBeGreaterThan(0);
  }
  return count;
}

describe('a clinic site with a strict CSP', () => {
  it('shows clinic and practitioner photos without img-src data: and with no CSP violation', async () => {
    journey = await startJourney('see-photos-under-a-strict-csp', { viewport: 'desktop' });
    const { page } = journey;
    const pageUrl = new URL('/', stack().demo).href;
    await page.route(pageUrl, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } });
    });
    const violations = await recordViolations(page);
    const refusedInConsole: string[] = [];
    page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) refusedInConsole.push(message.text()); });
    await page.goto(pageUrl);

    const w = widgetOn(page, t);
    await w.atStep(t.select.heading);
    const clinicPhotos = await expectPhotosLoaded(page.locator('itb-clinic-step img.photo'));
    expect(clinicPhotos).toBeGreaterThan(1);

    await w.chooseClinic(/Fjordvik Tandvård Stockholm City/);
    await w.chooseTreatment(/^Undersökning/);
    await w.continue();
    expect(await w.practitionerStepShown()).toBe(true);
    await visible(page.locator('itb-practitioner-step img.photo').first());
    expect(await expectPhotosLoaded(page.locator('itb-practitioner-step img.photo'))).toBeGreaterThan(1);
    await journey.step('practitioner-photos');

    expect(await violations()).toEqual([]);
    expect(refusedInConsole).toEqual([]);

    // The policy is really in force: a data: image is refused and reported.
    await page.evaluate(() => { const img = new Image(); img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw='; document.body.append(img); });
    await expect.poll(violations).toEqual([expect.stringMatching(/^img-src data/)]);
  });
});
