/**
 * A patient on a clinic's own page (the clinic is set by the page) books on a phone with as few
 * taps as the journey allows, uses the browser's Back and Forward on the way, reloads the page, and
 * finds focus where the next step is after the BankID popup closes. Taps are counted on the widget;
 * the test BankID page stands for the BankID app, where the patient confirms on their own device.
 */
import { afterEach, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { PERSONS, signInAs } from './support/bankid.js';
import { stack, startJourney, type Journey } from './support/journey.js';
import { bookingsOf } from './support/sandbox.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

/** The element focus is on, through open shadow roots: "<tag> <text>". */
async function focused(j: Journey): Promise<string> {
  return j.page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return `${active?.localName ?? ''} ${active?.textContent?.replace(/\s+/g, ' ').trim() ?? ''}`;
  });
}

it('books from a clinic page in at most 7 taps, with Back, Forward and a reload on the way', async () => {
  const person = PERSONS.alva;
  const before = await bookingsOf(person.personalNumber);
  journey = await startJourney('book-from-a-clinic-page', { viewport: 'phone', path: '/kliniker/stockholm-city' });
  const j = journey;
  const w = widgetOn(j.page, t);
  let taps = 0;
  const tap = async (target: Locator) => { taps += 1; await target.click(); };

  await w.atStep(t.select.heading);
  await j.step('clinic-page');
  // The page chose the clinic: it shows as the chosen one, not as a list to pick from — the clinic
  // group holds its radio alone (an open list would hold every clinic), and Change opens the list.
  await visible(w.root.getByRole('radio', { name: /Stockholm City/, checked: true }));
  const clinicRadios = w.root.getByRole('group', { name: new RegExp(`^${t.clinic.heading}`) }).getByRole('radio');
  expect(await clinicRadios.evaluateAll((radios) => radios.map((r) => r.closest('label')?.textContent?.replace(/\s+/g, ' ').trim())))
    .toEqual([expect.stringContaining('Fjordvik Tandvård Stockholm City')]);
  await visible(w.root.getByRole('button', { name: t.clinic.changeLabel, exact: true }));
  await tap(w.root.getByRole('radio', { name: /^Undersökning/ }));
  await tap(w.root.getByRole('button', { name: t.common.continue, exact: true }));
  await w.atStep(t.practitioner.heading);
  await tap(w.root.getByRole('button', { name: t.common.continue, exact: true }));
  await w.atStep(t.time.heading);
  const first = w.root.getByRole('button', { name: new RegExp(`^${t.time.firstFree}`) });
  await visible(first);
  await j.step('times');
  await tap(first);
  await w.atStep(t.review.heading);

  // The browser's Back goes to the times, Forward back to the review of the same time.
  await j.page.goBack();
  await w.atStep(t.time.heading);
  await j.page.goForward();
  await w.atStep(t.review.heading);
  const summary = await w.root.locator('[part="summary"]').first().innerText();
  // A reload keeps the journey where it was.
  await j.page.reload();
  await w.atStep(t.review.heading);
  expect(await w.root.locator('[part="summary"]').first().innerText()).toBe(summary);
  await j.step('review-after-reload');

  const popupPromise = j.context.waitForEvent('page');
  await tap(w.root.getByRole('button', { name: t.review.signIn }));
  const popup = await popupPromise;
  await signInAs(popup, 'alva');
  if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });
  // Focus was in the popup; back on the page it lands on Book, not on the page's body.
  await expect.poll(() => focused(j), { timeout: 15_000 }).toMatch(new RegExp(`^button ${t.review.book}$`));
  await j.step('signed-in');

  // The terms are one tap away, on the chain's own site (terms-url), in a new tab.
  const termsLink = w.root.getByRole('link', { name: new RegExp(`^${t.review.readTerms}`) });
  expect(await termsLink.getAttribute('href')).toBe(new URL('/villkor', stack().demo).href);
  expect(await termsLink.getAttribute('target')).toBe('_blank');
  await tap(w.root.getByRole('checkbox', { name: t.review.terms }));
  await tap(w.root.getByRole('button', { name: t.review.book, exact: true }));
  await w.atStep(t.confirmation.heading);
  await j.step('confirmation');
  console.log(`taps from landing on the clinic page to booked: ${taps}`);
  expect(taps).toBeLessThanOrEqual(7);
  const after = await bookingsOf(person.personalNumber);
  expect(after.length).toBe(before.length + 1);
});
