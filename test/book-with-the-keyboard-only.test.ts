/**
 * Journey 7: the whole booking of journey 1 with the keyboard alone (Tab, arrows, Space, Enter),
 * from the skip link to the confirmation; focus lands on each new step's heading; the day picker
 * works as the APG date picker grid (one tab stop, PageDown/PageUp a week with focus kept, Home, →,
 * Enter); axe checks every step.
 */
import { afterEach, expect, it } from 'vitest';
import { PERSONS } from './support/bankid.js';
import { startJourney, type Journey } from './support/journey.js';
import { arrowTo, focused, isButton, isCheckbox, isRadioIn, tabTo, type Focused } from './support/keyboard.js';
import { bookingsOf } from './support/sandbox.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
let journey: Journey | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

/** A day of the day picker by its name ("… tisdag 8 december, 5 lediga tider"); free when it has times. */
const DAY = /\b(\p{L}+dag) \d+ \p{L}+, (inga lediga tider|1 ledig tid|\d+ lediga tider)$/u;
const isDay = (f: Focused): boolean => f.tag === 'button' && DAY.test(f.name);
const isFreeDay = (f: Focused): boolean => isDay(f) && !f.name.endsWith('inga lediga tider');
const weekdayOf = (name: string): string | undefined => DAY.exec(name)?.[1];
const squeeze = (text: string | null): string => (text ?? '').replace(/\s+/g, ' ').trim();

/** Nothing in the widget is loading (the time step's skeleton is aria-busy). */
async function loaded(journeyPage: Journey['page']): Promise<void> {
  await expect.poll(() => journeyPage.locator('itb-booking [aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
}

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
  await loaded(page);
  await journey.step('times');
  // The day picker is one tab stop, on the day the step opened on (the first with free times).
  const opened = await tabTo(page, isDay);
  const selected = () => w.root.getByRole('gridcell', { selected: true });
  if (isFreeDay(opened)) expect(squeeze(await selected().textContent())).toBe(opened.name);
  // PageDown: the same weekday next week, and focus stays there while that week loads.
  const weekLabel = () => w.root.locator('.week-label').textContent();
  const thisWeek = await weekLabel();
  await page.keyboard.press('PageDown');
  await expect.poll(weekLabel).not.toBe(thisWeek);
  await loaded(page);
  const below = await focused(page);
  expect(isDay(below)).toBe(true);
  expect(weekdayOf(below.name)).toBe(weekdayOf(opened.name));
  expect(below.name).not.toBe(opened.name);
  await page.keyboard.press('PageUp');
  await expect.poll(weekLabel).toBe(thisWeek);
  await loaded(page);
  expect(weekdayOf((await focused(page)).name)).toBe(weekdayOf(opened.name));
  // Home, then → until a day with free times (crossing into next week after Sunday); Enter chooses it.
  await page.keyboard.press('Home');
  let day = await focused(page);
  for (let i = 0; i < 14 && !isFreeDay(day); i += 1) {
    await page.keyboard.press('ArrowRight');
    await loaded(page);
    day = await focused(page);
  }
  expect(isFreeDay(day)).toBe(true);
  await page.keyboard.press('Enter');
  await expect.poll(async () => squeeze(await selected().textContent())).toBe(day.name);
  await visible(w.times().first());
  await journey.step('day-picker');
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
  // The review step's own line (the polite live region says it too).
  await visible(w.root.locator('p', { hasText: new RegExp(t.review.signedInAs('').replace(/\.$/, '').trim()) }));
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
