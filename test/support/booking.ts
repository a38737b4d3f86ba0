/** The booking journey's common stretch, shared by the journeys that need a booking to exist. */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { signInAs, type PersonKey } from './bankid.js';
import { stack, type Journey } from './journey.js';
import { visible, type Widget } from './widget.js';

/** Sign in from the review step, by popup (default) or full-page redirect; returns to the review step. */
export async function signInFromReview(journey: Journey, w: Widget, person: PersonKey, mode: 'popup' | 'redirect' = 'popup'): Promise<void> {
  const button = w.root.getByRole('button', { name: w.t.review.signIn });
  await visible(button);
  if (mode === 'popup') {
    const popupPromise = journey.context.waitForEvent('page');
    await button.click();
    const popup: Page = await popupPromise;
    await signInAs(popup, person, () => journey.step('bankid-popup', popup));
    // The popup may be gone already; the check and the listener run in the same tick.
    if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });
  } else {
    await button.click();
    await signInAs(journey.page, person, () => journey.step('bankid-page'));
    await journey.page.waitForLoadState('load');
  }
  await visible(w.says(new RegExp(escapeRegExp(w.t.review.signedInAs('').replace(/\.$/, '').trim()))));
}

/** Sign in on the My bookings page (by popup) and wait until the list shows. */
export async function signInOnMyBookings(journey: Journey, w: Widget, person: PersonKey): Promise<void> {
  await journey.page.goto(new URL('/mina-bokningar', stack().demo).href);
  await w.atStep(w.t.myBookings.heading);
  const popupPromise = journey.context.waitForEvent('page');
  await w.root.getByRole('button', { name: w.t.review.signIn }).click();
  const popup = await popupPromise;
  await signInAs(popup, person);
  await visible(w.root.getByRole('heading', { name: w.t.myBookings.upcoming }));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "<day heading> <time button name>": which time a button stands for, unambiguous within a week. */
export async function timeKey(time: Locator): Promise<string> {
  return time.evaluate((el) => {
    const name = el.getAttribute('aria-label') ?? el.textContent ?? '';
    return `${el.closest('section')?.querySelector('h3')?.textContent?.trim() ?? ''} ${name}`.replace(/\s+/g, ' ').trim();
  });
}

/** Clinic, treatment, practitioner (`undefined` = any), first free time: ends on the review step. */
export async function chooseUpToReview(journey: Journey, w: Widget, choice: { clinic: string | RegExp; treatment: string | RegExp; practitioner?: string | RegExp }): Promise<string> {
  await w.atStep(w.t.select.heading);
  await journey.step('start');
  await w.chooseClinic(choice.clinic);
  await w.chooseTreatment(choice.treatment);
  await journey.step('clinic-and-treatment');
  await w.continue();
  if (await w.practitionerStepShown()) await journey.step('practitioner');
  await w.choosePractitioner(choice.practitioner ?? w.t.practitioner.any);
  const time = await w.firstFreeTime();
  await journey.step('times');
  const label = await timeKey(time);
  await time.click();
  await w.atStep(w.t.review.heading);
  await journey.step('review');
  return label;
}

/** From a signed-in review step: SMS on, terms, book; waits for the confirmation. */
export async function confirmBooking(journey: Journey, w: Widget): Promise<void> {
  await w.fillReview({ sms: true });
  await journey.step('review-filled');
  await w.book();
  await w.atStep(w.t.confirmation.heading);
  await journey.step('confirmation');
  await expect.poll(() => w.heading(w.t.confirmation.heading).count()).toBe(1);
}
