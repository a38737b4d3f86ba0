/**
 * Issue 13, points 2 and 3 of the journey: a new patient books on a 320×640 phone and on a 1280×800
 * desktop, with a screenshot of each step. On the phone the first screen (every clinic and
 * treatment, nothing chosen) stays within 1,600 px, Continue stays in view in a sticky bar while
 * the lists scroll, nothing scrolls sideways and every control is at least 44 px high at every step.
 * The taps from landing to booked are counted (trusted clicks on the page; the BankID popup aside).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PERSONS, signInAs } from './support/bankid.js';
import { escapeRegExp } from './support/booking.js';
import { stack } from './support/journey.js';
import { horizontalScroll, openLayoutJourney, smallTargets, tapsSoFar, widgetHeight, type LayoutJourney } from './support/layout.js';
import { bookingsOf } from './support/sandbox.js';
import { TRANSLATIONS, visible, widgetOn } from './support/widget.js';

const t = TRANSLATIONS.sv;
const FIRST_SCREEN_MAX = 1600;

let journey: LayoutJourney | undefined;
afterEach(async () => { await journey?.close(); journey = undefined; });

const SCREENS = [
  { name: 'small-phone', viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true, person: 'omar', clinic: 'Fjordvik Tandvård Stockholm City' },
  { name: 'desktop-1280', viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, person: 'annaMaria', clinic: 'Fjordvik Tandvård Göteborg Centrum' },
] as const;

describe('a patient books on a small phone and on a desktop', () => {
  for (const screen of SCREENS) {
    it(`at ${screen.viewport.width}×${screen.viewport.height}`, async () => {
      const before = await bookingsOf(PERSONS[screen.person].personalNumber);
      journey = await openLayoutJourney(`book-on-a-small-phone-${screen.name}`, { viewport: screen.viewport, isMobile: screen.isMobile, hasTouch: screen.hasTouch });
      const { page } = journey;
      const w = widgetOn(page, t);
      const problems: string[] = [];
      /** Sideways scroll and small targets, collected per step so one run reports them all. */
      const check = async (step: string) => {
        for (const line of [...await horizontalScroll(page), ...await smallTargets(page)]) problems.push(`${step}: ${line}`);
      };

      await page.goto(new URL('/', stack().demo).href);
      await w.atStep(t.select.heading);
      await visible(w.root.getByRole('radio', { name: new RegExp(screen.clinic) }));
      const firstScreen = await widgetHeight(page);
      console.log(`first screen at ${screen.viewport.width}×${screen.viewport.height}: ${firstScreen} px`);
      if (screen.viewport.width === 320) {
        expect(firstScreen).toBeLessThanOrEqual(FIRST_SCREEN_MAX);
        // With the list scrolled to its top the rest runs far below the fold, yet Continue is in view.
        await w.root.getByRole('radio', { name: new RegExp(screen.clinic) }).scrollIntoViewIfNeeded();
        await page.evaluate(() => {
          const host = document.querySelector('itb-booking')!;
          window.scrollTo(0, window.scrollY + host.getBoundingClientRect().top + 200);
        });
        const bar = await w.root.getByRole('button', { name: t.common.continue, exact: true }).boundingBox();
        const host = await w.root.boundingBox();
        expect(host!.y + host!.height, 'the widget runs on below the viewport').toBeGreaterThan(640 + 300);
        expect(bar!.y).toBeGreaterThanOrEqual(0);
        expect(bar!.y + bar!.height, 'Continue is in the viewport').toBeLessThanOrEqual(640);
        // "Tandhygienistbesök" is never split without a hyphen: the word sits on one line.
        const lines = await w.root.getByText('Tandhygienistbesök', { exact: true }).evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        });
        expect(lines).toBe(1);
        await page.evaluate(() => window.scrollTo(0, 0));
      }
      await check('first screen');
      await journey.shot('first-screen');

      await w.chooseClinic(new RegExp(screen.clinic));
      await w.chooseTreatment(/^Undersökning/);
      // Both lists collapsed to the chosen card, each with its Change button.
      await visible(w.root.getByRole('button', { name: t.clinic.changeLabel }));
      await visible(w.root.getByRole('button', { name: t.treatment.changeLabel }));
      expect(await w.root.getByRole('radio', { name: /Fjordvik/ }).count()).toBe(1);
      await check('chosen');
      await journey.shot('clinic-and-treatment-chosen');
      await w.continue();

      if (await w.practitionerStepShown()) {
        await check('practitioner');
        await journey.shot('practitioner');
        await w.choosePractitioner(t.practitioner.any);
      }
      const time = await w.firstFreeTime();
      await check('times');
      await journey.shot('times');
      await time.click();

      await w.atStep(t.review.heading);
      await check('review');
      await journey.shot('review');
      const popupPromise = journey.context.waitForEvent('page');
      await w.root.getByRole('button', { name: t.review.signIn }).click();
      const popup = await popupPromise;
      await signInAs(popup, screen.person);
      if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });
      await visible(w.says(new RegExp(escapeRegExp(t.review.signedInAs('').replace(/\.$/, '').trim()))).first());
      await w.fillReview({ sms: true });
      await check('review filled');
      await journey.shot('review-filled');
      await w.book();
      await w.atStep(t.confirmation.heading);
      await check('confirmation');
      await journey.shot('confirmation');

      const taps = await tapsSoFar(page);
      console.log(`taps from landing to booked at ${screen.viewport.width}×${screen.viewport.height}: ${taps}`);
      const after = await bookingsOf(PERSONS[screen.person].personalNumber);
      expect(after.length).toBe(before.length + 1);
      expect(problems).toEqual([]);
    });
  }
});
