/**
 * The `<itb-booking>` element as a patient sees it, through roles and labels only (Playwright's role
 * and CSS selectors pierce its open shadow roots). Labels come from the widget's own translations,
 * so a reworded button does not break the journeys and a missing label does.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../../packages/widget/src/locales/en.js';
import { nb } from '../../packages/widget/src/locales/nb.js';
import { sv } from '../../packages/widget/src/locales/sv.js';
import type { Translation } from '../../packages/widget/src/locales/translation.js';

export const TRANSLATIONS = { sv, nb, en } as const;

/** Wait until `locator` is visible (polling, so shadow-DOM re-renders are fine). */
export async function visible(locator: Locator, timeout = 15_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

export interface Widget {
  readonly root: Locator;
  readonly t: Translation;
  heading(name: string | RegExp): Locator;
  /** Wait for the step whose heading is `name`. */
  atStep(name: string | RegExp): Promise<void>;
  chooseClinic(name: string | RegExp): Promise<void>;
  chooseTreatment(name: string | RegExp): Promise<void>;
  continue(): Promise<void>;
  choosePractitioner(name: string | RegExp): Promise<void>;
  /** Waits for the step after clinic and treatment: false when the widget skipped the practitioner step (one practitioner). */
  practitionerStepShown(): Promise<boolean>;
  /** The time buttons shown now. */
  times(): Locator;
  /** Move week by week until a free time shows (at most `weeks`), then return the first time of the day the step opened on (the first free day). */
  firstFreeTime(weeks?: number): Promise<Locator>;
  fillReview(options?: { phone?: string; sms?: boolean }): Promise<void>;
  book(): Promise<void>;
  /** The polite live region and inline notices: any text the widget says. */
  says(text: string | RegExp): Locator;
}

export function widgetOn(page: Page, t: Translation, selector = 'itb-booking'): Widget {
  const root = page.locator(selector);
  const w: Widget = {
    root,
    t,
    heading: (name) => root.getByRole('heading', { name }),
    async atStep(name) {
      await visible(root.getByRole('heading', { name }).first());
    },
    async chooseClinic(name) {
      await root.getByRole('radio', { name }).check();
    },
    async chooseTreatment(name) {
      await root.getByRole('radio', { name }).check();
    },
    async continue() {
      await root.getByRole('button', { name: t.common.continue, exact: true }).click();
    },
    async practitionerStepShown() {
      const practitionerStep = root.getByRole('heading', { name: t.practitioner.heading });
      await visible(practitionerStep.or(root.getByRole('heading', { name: t.time.heading })));
      return (await practitionerStep.count()) > 0;
    },
    async choosePractitioner(name) {
      // An offer with one practitioner skips this step: the widget goes straight to the times.
      if (!(await w.practitionerStepShown())) return;
      await root.getByRole('radio', { name }).check();
      await w.continue();
    },
    times: () => root.locator('[part="time-button"]'),
    async firstFreeTime(weeks = 6) {
      await w.atStep(new RegExp(`^(${t.time.heading}|${t.time.rescheduleHeading})$`));
      for (let week = 0; week < weeks; week += 1) {
        // The time step's skeleton is aria-busy until the week is in; then the day picker shows.
        const busy = root.locator('[aria-busy="true"]');
        await expect.poll(() => busy.count(), { timeout: 15_000 }).toBe(0);
        await visible(root.getByRole('grid'));
        if (await w.times().count() > 0) return w.times().first();
        const jump = root.getByRole('button', { name: t.time.showNextFree });
        if (await jump.count() > 0) await jump.click();
        else await root.getByRole('button', { name: t.time.nextWeek }).click();
      }
      throw new Error(`no free time within ${weeks} weeks`);
    },
    async fillReview(options = {}) {
      await w.atStep(t.review.heading);
      if (options.phone !== undefined) await root.getByLabel(t.review.phone).fill(options.phone);
      // SMS is a yes/no radio group: choosing an answer means that answer whatever was preselected.
      const sms = root.getByRole('group', { name: t.review.smsLegend });
      await sms.getByRole('radio', { name: options.sms ?? true ? t.review.smsYes : t.review.smsNo, exact: true }).check();
      await root.getByRole('checkbox', { name: t.review.terms }).check();
    },
    async book() {
      await root.getByRole('button', { name: t.review.book, exact: true }).click();
    },
    // A result is often both on screen and in a live region: any one of them will do.
    says: (text) => root.getByText(text).first(),
  };
  return w;
}
