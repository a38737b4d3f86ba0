/**
 * Journey 5: signing in. When popups are blocked the widget signs in by full-page redirect and,
 * back on the clinic page, restores the chosen clinic, treatment and time. With popups
 * allowed it signs in through a popup and the page never reloads.
 */
import { afterEach, expect, it } from 'vitest';
import { chooseUpToReview, signInFromReview } from './support/booking.js';
import { startJourney, type Journey } from './support/journey.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

/** The review step shows the chosen time (its clock text) somewhere in its summary. */
async function showsTime(w: ReturnType<typeof widgetOn>, clock: string): Promise<boolean> {
  return (await w.root.getByText(clock).count()) > 0;
}

it('by full-page redirect (popup blocked): clinic, treatment and time survive the round trip', async () => {
  journey = await startJourney('sign-in-by-redirect', { path: '/kliniker/stockholm-city', blockPopups: true });
  const w = widgetOn(journey.page, t);
  const time = await chooseUpToReview(journey, w, { clinic: /Stockholm City/, treatment: /^Tandhygienistbesök/ });
  const clock = /\d{1,2}[:.]\d{2}/.exec(time)![0];
  const startUrl = journey.page.url();

  await signInFromReview(journey, w, 'annaMaria', 'redirect');
  expect(journey.page.url().split('#')[0]).toBe(startUrl.split('#')[0]);
  await w.atStep(t.review.heading);
  await journey.step('back-signed-in');
  expect(await showsTime(w, clock)).toBe(true);
  expect(await w.root.getByText(/Stockholm City/).count()).toBeGreaterThan(0);
  expect(await w.root.getByText(/Tandhygienistbesök/).count()).toBeGreaterThan(0);
  // Signed in, the contact details can be filled in and the booking made.
  await w.root.getByLabel(t.review.comment).fill('Jag är lite tandvårdsrädd.');
  await visible(w.root.getByRole('button', { name: t.review.book, exact: true }));
});

it('by popup: the page stays as it was and continues in place', async () => {
  journey = await startJourney('sign-in-by-popup', { path: '/kliniker/stockholm-city' });
  const w = widgetOn(journey.page, t);
  const time = await chooseUpToReview(journey, w, { clinic: /Stockholm City/, treatment: /^Tandhygienistbesök/ });
  const clock = /\d{1,2}[:.]\d{2}/.exec(time)![0];
  // A page reload would lose this marker.
  await journey.page.evaluate(() => { (window as unknown as { itbMarker: number }).itbMarker = 42; });

  await signInFromReview(journey, w, 'ola', 'popup');
  await journey.step('signed-in-in-place');
  expect(await journey.page.evaluate(() => (window as unknown as { itbMarker?: number }).itbMarker)).toBe(42);
  expect(await showsTime(w, clock)).toBe(true);
  await visible(w.root.getByRole('button', { name: t.review.book, exact: true }));
});
