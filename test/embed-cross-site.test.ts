/**
 * The cross-site demo page (served on 127.0.0.1, the BFF on localhost: two sites). Browsing works,
 * because it needs no cookie and the page's origin is on the BFF's allowlist. Signing in completes
 * at the IdP, but the browser keeps the SameSite=Lax session cookie out of the page's cross-site
 * requests, so the widget stays signed out, which is exactly what the page tells its reader. With
 * the BFF in its cross-site cookie mode (a second stack) the partitioned cookie is filed under the
 * BFF's own top-level site, where the sign-in ran, so the widget stays signed out there too, as the
 * page also says.
 */
import { afterEach, expect, it } from 'vitest';
import { signInAs } from './support/bankid.js';
import { startStack, type Stack } from '../scripts/stack.js';
import { stack, startJourney, type Journey } from './support/journey.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.en;
let journey: Journey | undefined;
let crossSiteStack: Stack | undefined;
afterEach(async () => {
  await journey?.close();
  journey = undefined;
  await crossSiteStack?.stop();
  crossSiteStack = undefined;
});

/** Clinic, treatment, any practitioner, first time, then sign in by popup as Alva. */
async function signInFromCrossSitePage(j: Journey): Promise<ReturnType<typeof widgetOn>> {
  const w = widgetOn(j.page, t);
  await w.atStep(t.select.heading);
  await w.chooseClinic(/Stockholm City/);
  await w.chooseTreatment(/^Undersökning/);
  await w.continue();
  await w.choosePractitioner(t.practitioner.any);
  await (await w.firstFreeTime()).click();
  await w.atStep(t.review.heading);
  const popupPromise = j.context.waitForEvent('page');
  await w.root.getByRole('button', { name: t.review.signIn }).click();
  const popup = await popupPromise;
  await signInAs(popup, 'alva');
  if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });
  return w;
}

it('browses cross-site, and sign-in cannot reach the page, as the page explains', async () => {
  journey = await startJourney('embed-cross-site', { path: '/cross-site.html', origin: stack().crossSite });
  const { page } = journey;
  expect(new URL(page.url()).hostname).toBe('127.0.0.1');
  await visible(page.getByRole('heading', { name: 'What the browser blocks, and why' }));
  const w = widgetOn(page, t);
  await w.atStep(t.select.heading);
  await journey.step('start');

  await w.chooseClinic(/Stockholm City/);
  await w.chooseTreatment(/^Undersökning/);
  await w.continue();
  await w.choosePractitioner(t.practitioner.any);
  const time = await w.firstFreeTime();
  await journey.step('times-cross-site');
  await time.click();
  await w.atStep(t.review.heading);

  const popupPromise = journey.context.waitForEvent('page');
  await w.root.getByRole('button', { name: t.review.signIn }).click();
  const popup = await popupPromise;
  await signInAs(popup, 'alva');
  if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });

  // The BFF did create the session: a first-party, SameSite=Lax cookie of localhost …
  const cookies = (await journey.context.cookies(stack().demo)).filter((c) => /itb-session/.test(c.name));
  expect(cookies.length).toBeGreaterThan(0);
  expect(cookies.every((c) => c.sameSite === 'Lax' && c.httpOnly)).toBe(true);
  // … which the browser does not send from this site, so the widget here is still signed out.
  const session = await page.evaluate(async (bff) => (await fetch(`${bff}/auth/session`, { credentials: 'include' })).json(), stack().bffPublic);
  expect(session).toEqual({ signedIn: false });
  await visible(w.root.getByRole('button', { name: t.review.signIn }));
  expect(await w.root.getByRole('button', { name: t.review.book, exact: true }).count()).toBe(0);
  await journey.step('still-signed-out');
});

it('in the BFF\'s cross-site cookie mode the widget claims the sign-in into this page\'s partition', async () => {
  crossSiteStack = await startStack({ ports: 0, bffEnv: { ITB_COOKIE_MODE: 'cross-site' } });
  journey = await startJourney('embed-cross-site-partitioned', { path: '/cross-site.html', origin: crossSiteStack.urls.crossSite });
  const w = await signInFromCrossSitePage(journey);
  await visible(w.root.getByRole('button', { name: t.review.book, exact: true }));

  const cookies = (await journey.context.cookies(crossSiteStack.urls.demo)).filter((c) => /itb-session/.test(c.name));
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) {
    expect(cookie).toMatchObject({ sameSite: 'None', secure: true, httpOnly: true });
    // Partitioned under the embedding page's site (127.0.0.1), where the widget claimed the hand-off.
    expect(cookie.partitionKey).toBe('http://127.0.0.1');
  }
  const session = await journey.page.evaluate(async (bff) => (await fetch(`${bff}/auth/session`, { credentials: 'include' })).json(), crossSiteStack.urls.bffPublic);
  expect(session).toMatchObject({ signedIn: true });
  await journey.step('cross-site-mode-signed-in');

  // The same BFF opened as a top-level page (another partition) sees no session.
  const elsewhere = await journey.context.newPage();
  await elsewhere.goto(`${crossSiteStack.urls.bffPublic}/auth/session`);
  expect(JSON.parse(await elsewhere.locator('body').innerText())).toEqual({ signedIn: false });
  await elsewhere.close();
});
