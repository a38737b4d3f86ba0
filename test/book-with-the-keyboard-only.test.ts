/**
 * Journey 7: the whole booking of journey 1 with the keyboard alone (Tab, arrows, Space, Enter),
 * from the skip link to the confirmation; focus lands on each new step's heading; axe checks
 * every step.
 */
import { afterEach, expect, it } from 'vitest';
import { PERSONS } from './support/bankid.js';
import { startJourney, type Journey } from './support/journey.js';
import { arrowTo, focused, isButton, isCheckbox, isRadioIn, tabTo } from './support/keyboard.js';
import { bookingsOf } from './support/sandbox.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

async function focusIsOnHeading(journeyPage: Journey['page'], heading: string): Promise<void> {
  await expect.poll(async () => {
    const f = await focused(journeyPage);
    return `${f.tag} ${f.name}`;
  }).toBe(`h2 ${heading}`);
}

it('books with the keyboard only', async () => {
  journey = await startJourney('book-with-the-keyboard-only', { path: '/' });
  const { page } = journey;
  const w = widgetOn(page, t);
  await w.atStep(t.select.heading);
  await journey.step('start');

  // The page's skip link is the first stop and jumps past the header.
  const skip = await tabTo(page, () => true, 1);
  expect(skip.name).toBe('Hoppa till innehållet');
  await page.keyboard.press('Enter');

  await tabTo(page, (f) => f.type === 'radio' && /Fjordvik/.test(f.name));
  await arrowTo(page, /Stockholm City/);
  await tabTo(page, (f) => f.type === 'radio' && /Tid: \d+ min/.test(f.name));
  await arrowTo(page, /^Undersökning/);
  await journey.step('clinic-and-treatment');
  await tabTo(page, isButton(t.common.continue));
  await page.keyboard.press('Enter');

  await focusIsOnHeading(page, t.practitioner.heading);
  await journey.step('practitioner');
  await tabTo(page, (f) => f.type === 'radio');
  await arrowTo(page, new RegExp(t.practitioner.any));
  await tabTo(page, isButton(t.common.continue));
  await page.keyboard.press('Enter');

  await focusIsOnHeading(page, t.time.heading);
  await visible(w.times().first());
  await journey.step('times');
  const time = await tabTo(page, (f) => f.tag === 'button' && /^\d{1,2}[:.]\d{2}/.test(f.name));
  await page.keyboard.press('Enter');

  await focusIsOnHeading(page, t.review.heading);
  await journey.step('review');
  const popupPromise = journey.context.waitForEvent('page');
  await tabTo(page, isButton(t.review.signIn));
  await page.keyboard.press('Enter');
  const popup = await popupPromise;
  await popup.waitForLoadState('domcontentloaded');
  await journey.step('bankid-popup', popup);
  await tabTo(popup, isButton(new RegExp(PERSONS.erik.name)));
  await popup.keyboard.press('Enter');
  await visible(w.says(new RegExp(t.review.signedInAs('').replace(/\.$/, '').trim())));
  await journey.step('signed-in');

  // SMS confirmation is a yes/no radio group with Yes preselected: Tab lands on the chosen answer.
  expect((await tabTo(page, isRadioIn(/./))).name).toBe(t.review.smsYes);
  expect((await focused(page)).checked).toBe(true);
  // Space toggles a checkbox: press it only if the terms box is not ticked yet.
  const terms = await tabTo(page, isCheckbox(t.review.terms));
  if (!terms.checked) await page.keyboard.press('Space');
  expect((await focused(page)).checked).toBe(true);
  await journey.step('review-filled');
  const before = await bookingsOf(PERSONS.erik.personalNumber);
  await tabTo(page, isButton(t.review.book));
  await page.keyboard.press('Enter');

  await focusIsOnHeading(page, t.confirmation.heading);
  await journey.step('confirmation');
  const after = await bookingsOf(PERSONS.erik.personalNumber);
  expect(after.length).toBe(before.length + 1);
  const made = after.find((a) => !before.some((b) => b.id === a.id));
  expect(JSON.stringify(made)).toContain('send-confirmation-by-sms');
  expect(time.name).toMatch(/\d{1,2}[:.]\d{2}/);
});
